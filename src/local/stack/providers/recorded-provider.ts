// Most emulated types are a name, an ARN and, for some, a counterpart in one of the account's
// services (a CodeBuild project, a pipeline, a bucket). This builds their providers from a small
// spec: how to name, check and identify one, and which service calls make, change and remove it.
import { SlipwayError } from '../../../errors.js';
import { nameOrGenerated } from './naming.js';
import type { CurrentResource, PropertyNames, ProviderContext, ProvisionResult, ResourceProvider } from './provider.js';

/** The service calls behind one type; a type without them is recorded in its stack only. */
export interface ServiceCalls {
  /**
   * Whether the counterpart exists already (another stack's, or made by hand). Asked before the
   * resource claims its physical id, so that a rollback never deletes what belongs to someone else.
   */
  exists(ctx: ProviderContext, name: string, result: Omit<ProvisionResult, 'internal'>, properties: Record<string, unknown>): boolean;
  create(ctx: ProviderContext, name: string, properties: Record<string, unknown>, result: Omit<ProvisionResult, 'internal'>): Promise<void> | void;
  update(ctx: ProviderContext, name: string, properties: Record<string, unknown>, result: Omit<ProvisionResult, 'internal'>, current: CurrentResource): Promise<void> | void;
  /** Must succeed when the counterpart is already gone (a rollback after a crash may ask twice). */
  delete(ctx: ProviderContext, name: string, current: CurrentResource): Promise<void> | void;
  /** For types renamed in place (the name property is not in replaceOn). */
  rename?(ctx: ProviderContext, from: string, to: string): Promise<void> | void;
}

/** How one recorded type behaves. */
export interface RecordedSpec {
  /** The CloudFormation type (for the "already exists" check of types without a service). */
  type: string;
  /** Every property the AWS type accepts (ResourceProvider.properties). */
  properties: PropertyNames;
  nameProperty?: string;
  maxNameLength: number;
  lowercase?: boolean;
  replaceOn: string[];
  validate(properties: Record<string, unknown>): string[];
  /** Physical id, Ref and attributes; `previous` is set on update so generated ids stay stable. */
  identity(ctx: ProviderContext, name: string, properties: Record<string, unknown>, previous?: CurrentResource): Omit<ProvisionResult, 'internal'>;
  /** A check against local state before anything is written (e.g. that a named bucket exists). */
  precheck?(ctx: ProviderContext, properties: Record<string, unknown>): void;
  service?: ServiceCalls;
}

/** A provider from a spec. */
export function recordedProvider(spec: RecordedSpec): ResourceProvider {
  return {
    properties: spec.properties,
    replaceOn: spec.replaceOn,
    nameProperty: spec.nameProperty,
    validate: spec.validate,
    async create(ctx, properties) {
      spec.precheck?.(ctx, properties);
      const name = spec.nameProperty ? nameOrGenerated(
        ctx, properties, spec.nameProperty, spec.maxNameLength, { lowercase: spec.lowercase },
      ) : ctx.generateName(spec.maxNameLength);
      const result = spec.identity(ctx, name, properties);
      const taken = spec.service
        ? spec.service.exists(ctx, name, result, properties)
        : spec.nameProperty !== undefined && properties[spec.nameProperty] !== undefined && ctx.physicalIdInUse(spec.type, result.physicalId);
      if (taken) {
        throw new SlipwayError('AlreadyExistsException', `${name} already exists (a local ${spec.type} of that name belongs to another stack or resource)`, { kind: 'failed' });
      }
      ctx.claim(result.physicalId, { name });
      await spec.service?.create(ctx, name, properties, result);
      return { ...result, internal: { name } };
    },
    async update(ctx, current, properties) {
      spec.precheck?.(ctx, properties);
      let name = String(current.internal.name ?? current.physicalId);
      const wanted = spec.nameProperty ? properties[spec.nameProperty] : undefined;
      if (spec.service?.rename && typeof wanted === 'string' && wanted !== name) {
        await spec.service.rename(ctx, name, wanted);
        name = wanted;
      }
      const result = spec.identity(ctx, name, properties, current);
      await spec.service?.update(ctx, name, properties, result, current);
      return { ...result, internal: { name } };
    },
    async delete(ctx, current) {
      await spec.service?.delete(ctx, String(current.internal.name ?? current.physicalId), current);
    },
  };
}
