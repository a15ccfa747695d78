// `slipway destroy`: plan what deleting the stack involves (buckets it created to empty,
// repositories holding images, resources it retains), ask, empty, delete, follow the events.
// Only resources the stack itself created are emptied: a shared bucket the stack was given as a
// parameter is not one of its resources, so it is never touched.
import { randomUUID } from 'node:crypto';
import { SlipwayError } from '../errors.js';
import type { StackResource } from './cloudformation.js';
import { followOperation, type StackFailure } from './deploy.js';
import { emit, type FlowContext } from './flow-context.js';
import { StackEventWatcher } from './stack-events.js';
import { readTemplate, type TemplateResource } from './template-document.js';

/** What to destroy. */
export interface DestroyRequest {
  stackName: string;
  /** Delete every image in the repositories the stack created, so that they can be deleted. */
  deleteImages: boolean;
}

/** A resource CloudFormation will leave in place. */
export interface RetainedResource {
  logicalId: string;
  resourceType: string;
  physicalId?: string;
}

/** How a destroy ended. */
export interface DestroyResult {
  status: 'deleted' | 'not-found' | 'failed' | 'cancelled';
  stackName: string;
  emptiedBuckets: { bucket: string; deletedObjects: number }[];
  deletedImages: { repository: string; deletedImages: number }[];
  retained: RetainedResource[];
  failure?: StackFailure;
}

interface DestroyPlan {
  stackId: string;
  /** REVIEW_IN_PROGRESS: made by a CREATE change set never executed, so without template or resources. */
  inReview: boolean;
  buckets: string[];
  repositories: { name: string; images: number; emptyOnDelete: boolean }[];
  retained: RetainedResource[];
}

// DeletionPolicy values that keep the resource (CloudFormation user guide, DeletionPolicy attribute).
const RETAIN = new Set(['Retain', 'RetainExceptOnCreate']);

/** Deletes a stack after emptying the buckets it created, and reports what it retained. */
export async function destroy(request: DestroyRequest, context: FlowContext): Promise<DestroyResult> {
  const base = { stackName: request.stackName, emptiedBuckets: [], deletedImages: [], retained: [] };
  const stack = await context.apis.cloudFormation.describeStack(request.stackName);
  if (!stack) return { ...base, status: 'not-found' };
  emit(context, 'stack.found', { stackName: request.stackName, status: stack.status });
  const plan = await planDestroy({ stackId: stack.stackId, inReview: stack.status === 'REVIEW_IN_PROGRESS' }, request, context);
  if (!(await context.confirm({ kind: 'destroy', message: describePlan(request.stackName, plan, request.deleteImages) }))) return { ...base, status: 'cancelled', retained: plan.retained };

  const result: DestroyResult = { ...base, status: 'deleted', emptiedBuckets: [], deletedImages: [], retained: [...plan.retained] };
  for (const bucket of plan.buckets) {
    const deletedObjects = await context.apis.s3.emptyBucket(bucket);
    if (deletedObjects === undefined) continue;
    emit(context, 'bucket.emptied', { bucket, deletedObjects });
    result.emptiedBuckets.push({ bucket, deletedObjects });
  }
  if (request.deleteImages) {
    for (const repository of plan.repositories) {
      const deletedImages = await context.apis.ecr.deleteAllImages(repository.name);
      emit(context, 'images.deleted', { repository: repository.name, deletedImages });
      result.deletedImages.push({ repository: repository.name, deletedImages });
    }
  }
  const watcher = new StackEventWatcher(context.apis.cloudFormation, plan.stackId);
  await watcher.start();
  await context.apis.cloudFormation.deleteStack(plan.stackId, `slipway-${randomUUID()}`);
  const after = await followOperation(plan.stackId, request.stackName, 'DELETE', watcher, context);
  for (const event of after.events.filter((e) => e.status === 'DELETE_SKIPPED' && !result.retained.some((r) => r.logicalId === e.logicalId))) {
    result.retained.push({ logicalId: event.logicalId, resourceType: event.resourceType, ...(event.physicalId ? { physicalId: event.physicalId } : {}) });
  }
  if (after.stack && after.stack.status !== 'DELETE_COMPLETE') return { ...result, status: 'failed', ...(after.failure ? { failure: after.failure } : {}) };
  return result;
}

async function planDestroy(stack: { stackId: string; inReview: boolean }, request: DestroyRequest, context: FlowContext): Promise<DestroyPlan> {
  const { stackId, inReview } = stack;
  // A stack a CREATE change set made holds neither template nor resources until that change set
  // is executed (REVIEW_IN_PROGRESS, "Stack status codes"; CreateChangeSet API reference): there
  // is nothing to list, and endpoints may refuse to list it (moto does after a failed execution).
  // DeleteStack accepts it as it is.
  if (inReview) return { stackId, inReview, buckets: [], repositories: [], retained: [] };
  const resources = (await context.apis.cloudFormation.listStackResources(stackId)).filter((r) => r.status !== 'DELETE_COMPLETE' && r.physicalId);
  const declared = await declaredResources(stackId, context);
  const retainedBy = (resource: StackResource) => RETAIN.has(String(declared[resource.logicalId]?.DeletionPolicy));
  const retained = resources.filter(retainedBy).map((r) => ({
    logicalId: r.logicalId, resourceType: r.resourceType, ...(r.physicalId ? { physicalId: r.physicalId } : {})
  }));
  const owned = resources.filter((resource) => !retainedBy(resource));
  const buckets = owned.filter((r) => r.resourceType === 'AWS::S3::Bucket').map((r) => r.physicalId as string);
  const repositories = [];
  for (const resource of owned.filter((r) => r.resourceType === 'AWS::ECR::Repository')) {
    const images = (await context.apis.ecr.listImages(resource.physicalId as string))?.length ?? 0;
    repositories.push({ name: resource.physicalId as string, images, emptyOnDelete: declared[resource.logicalId]?.Properties?.EmptyOnDelete === true });
  }
  // CloudFormation cannot delete a repository that holds images unless EmptyOnDelete is true
  // (AWS::ECR::Repository reference); failing here is better than a DELETE_FAILED stack.
  const blocking = repositories.filter((repository) => repository.images > 0 && !repository.emptyOnDelete);
  if (blocking.length > 0 && !request.deleteImages) {
    throw new SlipwayError('RepositoryNotEmpty', `cannot destroy ${request.stackName}: ${blocking.map((r) => `repository ${r.name} holds ${r.images} image${r.images === 1 ? '' : 's'}`).join(', ')}`, {
      kind: 'invalid-input',
      hint: 'pass --delete-images to delete them first, or copy them elsewhere before destroying',
    });
  }
  return { stackId, inReview, buckets, repositories, retained };
}

async function declaredResources(stackId: string, context: FlowContext): Promise<Record<string, TemplateResource>> {
  const text = await context.apis.cloudFormation.getTemplate(stackId);
  try {
    return readTemplate({ file: 'deployed template', text }).resources;
  } catch {
    // A template that cannot be read here still deletes; nothing is treated as retained.
    return {};
  }
}

function describePlan(stackName: string, plan: DestroyPlan, deleteImages: boolean): string {
  if (plan.inReview) return `delete stack ${stackName}, which is REVIEW_IN_PROGRESS: a CREATE change set was made but never executed, so it holds no resources. Proceed?`;
  const steps = [`delete stack ${stackName} and every resource it created`];
  for (const bucket of plan.buckets) steps.push(`empty bucket ${bucket} (created by the stack)`);
  for (const repository of plan.repositories.filter((r) => r.images > 0)) {
    steps.push(deleteImages || repository.emptyOnDelete ? `delete the ${repository.images} image(s) in ${repository.name}` : `keep ${repository.name}`);
  }
  for (const resource of plan.retained) steps.push(`keep ${resource.logicalId} (${resource.resourceType}, DeletionPolicy Retain)`);
  return `${steps.join('; ')}. Proceed?`;
}
