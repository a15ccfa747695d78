// CloudFormation behaviour that moto does not reproduce, scripted after AWS's documentation:
// operations that take several polls, change sets that take several polls to become ready,
// DescribeStacks answering with the status from before an operation for a few polls after it
// started, resource-level events returned newest first in pages,
// resources that fail with a reason followed by a rollback, and stacks left in
// ROLLBACK_COMPLETE that accept nothing but DeleteStack, and ExecuteChangeSet refusing a change
// set it accepted. moto runs every change set at once,
// emits only stack-level events and never rolls back, so these paths are tested here.
import { SlipwayError } from '../../../src/errors.js';
import type { ChangeSetDescription, ChangeSetRequest, CloudFormationApi, StackDescription, StackEvent, StackResource } from '../../../src/deploy/cloudformation.js';
import type { TemplateText } from '../../../src/deploy/template-location.js';

/** One step of an operation: the events that appear at one poll, and the stack status after it. */
export interface Step {
  events: [logicalId: string, resourceType: string, status: string, reason?: string][];
  status: string;
}

interface ScriptedStack {
  description: StackDescription;
  events: StackEvent[];
  resources: StackResource[];
  pending: Step[];
  template: string;
}

/** An in-memory CloudFormation whose operations unfold one step per DescribeStackEvents poll. */
export class ScriptedCloudFormation implements CloudFormationApi {
  readonly calls: string[] = [];
  private readonly stacks: ScriptedStack[] = [];
  private readonly changeSets = new Map<string, { stackName: string; type: 'CREATE' | 'UPDATE'; changes: ChangeSetDescription['changes']; pendingPolls: number }>();
  private clock = Date.parse('2026-01-02T03:00:00Z');
  private counter = 0;
  /** Steps the next execution (or deletion) unfolds; set by each test. */
  nextOperation: Step[] = [];
  /** Resources a successful create leaves, as ListStackResources reports them. */
  resourcesAfterCreate: StackResource[] = [];
  /** DescribeChangeSet calls that answer CREATE_PENDING, then CREATE_IN_PROGRESS, before a change set is ready. */
  changeSetPolls = 0;
  /** DescribeStacks calls, after an operation starts, that still answer the status from before it. */
  describeLag = 0;
  /** What ExecuteChangeSet answers instead of executing, as the AWS wrapper translated it. */
  executeRefusal: SlipwayError | undefined;
  private stale: { status: string; remaining: number } | undefined;

  /** Puts a stack in place, e.g. one left in ROLLBACK_COMPLETE by an earlier failed create. */
  seedStack(stackName: string, status: string, resources: StackResource[] = []): string {
    const stackId = `arn:aws:cloudformation:us-east-1:123456789012:stack/${stackName}/${++this.counter}`;
    const stack: ScriptedStack = { description: { stackId, stackName, status, outputs: {}, parameters: {} }, events: [], resources, pending: [], template: '{}' };
    this.stacks.push(stack);
    this.record(stack, stackName, 'AWS::CloudFormation::Stack', status);
    return stackId;
  }

  async describeStack(nameOrId: string): Promise<StackDescription | undefined> {
    this.calls.push('DescribeStacks');
    const stack = this.find(nameOrId);
    // By name, AWS no longer finds a deleted stack; by id it reports DELETE_COMPLETE.
    if (!stack || (stack.description.status === 'DELETE_COMPLETE' && !nameOrId.startsWith('arn:'))) return undefined;
    if (this.stale && this.stale.remaining-- > 0) return { ...stack.description, status: this.stale.status };
    return { ...stack.description };
  }

  async validateTemplate(): Promise<{ capabilities: string[] }> {
    this.calls.push('ValidateTemplate');
    return { capabilities: [] };
  }

  async createChangeSet(request: ChangeSetRequest, _template: TemplateText): Promise<{ id: string; stackId: string }> {
    this.calls.push(`CreateChangeSet ${request.changeSetType}`);
    let stack = this.live(request.stackName);
    if (request.changeSetType === 'UPDATE' && stack?.description.status === 'ROLLBACK_COMPLETE') {
      throw new SlipwayError('AwsValidation', `Stack:${stack.description.stackId} is in ROLLBACK_COMPLETE state and can not be updated.`);
    }
    if (!stack) {
      this.seedStack(request.stackName, 'REVIEW_IN_PROGRESS');
      stack = this.live(request.stackName) as ScriptedStack;
    }
    const id = `arn:aws:cloudformation:us-east-1:123456789012:changeSet/${request.changeSetName}/${++this.counter}`;
    this.changeSets.set(id, {
      stackName: request.stackName,
      type: request.changeSetType,
      changes: [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'Repository', ResourceType: 'AWS::ECR::Repository' } }],
      pendingPolls: this.changeSetPolls,
    });
    return { id, stackId: stack.description.stackId };
  }

  async describeChangeSet(id: string): Promise<ChangeSetDescription> {
    this.calls.push('DescribeChangeSet');
    const changeSet = this.changeSets.get(id);
    if (!changeSet) throw new SlipwayError('AwsValidation', `ChangeSet [${id}] does not exist`);
    if (changeSet.pendingPolls > 0) {
      const status = changeSet.pendingPolls-- === this.changeSetPolls ? 'CREATE_PENDING' : 'CREATE_IN_PROGRESS';
      return { id, status, executionStatus: 'UNAVAILABLE', changes: [] };
    }
    return { id, status: 'CREATE_COMPLETE', executionStatus: 'AVAILABLE', changes: changeSet.changes };
  }

  async executeChangeSet(id: string, stackName: string): Promise<void> {
    this.calls.push('ExecuteChangeSet');
    if (this.executeRefusal) throw this.executeRefusal;
    const changeSet = this.changeSets.get(id);
    // ExecuteChangeSet refuses a change set that is not ready yet (InvalidChangeSetStatus).
    if (!changeSet || changeSet.pendingPolls > 0) throw new SlipwayError('AwsValidation', `ChangeSet [${id}] cannot be executed in its current status of [CREATE_IN_PROGRESS]`);
    const stack = this.live(stackName) as ScriptedStack;
    if (this.describeLag > 0) this.stale = { status: stack.description.status, remaining: this.describeLag };
    const operation = changeSet?.type === 'CREATE' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
    stack.description.status = operation;
    this.record(stack, stackName, 'AWS::CloudFormation::Stack', operation, 'User Initiated');
    stack.pending = [...this.nextOperation];
    this.changeSets.delete(id);
  }

  async deleteChangeSet(id: string): Promise<void> {
    this.calls.push('DeleteChangeSet');
    this.changeSets.delete(id);
  }

  async deleteStack(nameOrId: string): Promise<void> {
    this.calls.push('DeleteStack');
    const stack = this.find(nameOrId) as ScriptedStack;
    stack.description.status = 'DELETE_IN_PROGRESS';
    this.record(stack, stack.description.stackName, 'AWS::CloudFormation::Stack', 'DELETE_IN_PROGRESS', 'User Initiated');
    stack.pending = [{ events: [[stack.description.stackName, 'AWS::CloudFormation::Stack', 'DELETE_COMPLETE']], status: 'DELETE_COMPLETE' }];
  }

  async describeStackEvents(stackId: string, nextToken?: string): Promise<{ events: StackEvent[]; nextToken?: string }> {
    this.calls.push('DescribeStackEvents');
    const stack = this.find(stackId) as ScriptedStack;
    if (!nextToken) this.advance(stack);
    // Newest first, three to a page, so that readers must follow NextToken.
    const all = [...stack.events].reverse();
    const start = nextToken ? Number(nextToken) : 0;
    const page = all.slice(start, start + 3);
    return { events: page, ...(start + 3 < all.length ? { nextToken: String(start + 3) } : {}) };
  }

  async listStackResources(nameOrId: string): Promise<StackResource[]> {
    this.calls.push('ListStackResources');
    return this.find(nameOrId)?.resources ?? [];
  }

  async getTemplate(nameOrId: string): Promise<string> {
    this.calls.push('GetTemplate');
    const stack = this.find(nameOrId);
    // A stack made by a CREATE change set has no template until the change set is executed
    // (CreateChangeSet API reference); slipway must not rely on what GetTemplate says then.
    if (stack?.description.status === 'REVIEW_IN_PROGRESS') {
      throw new SlipwayError('AwsValidation', `AWS rejected cloudformation:GetTemplate: stack ${stack.description.stackName} has no template yet`);
    }
    return stack?.template ?? '{}';
  }

  private advance(stack: ScriptedStack): void {
    const step = stack.pending.shift();
    if (!step) return;
    for (const [logicalId, type, status, reason] of step.events) this.record(stack, logicalId, type, status, reason);
    stack.description.status = step.status;
    if (step.status === 'CREATE_COMPLETE') stack.resources = [...this.resourcesAfterCreate];
  }

  private record(stack: ScriptedStack, logicalId: string, resourceType: string, status: string, reason?: string): void {
    this.clock += 1000;
    stack.events.push({
      eventId: `event-${++this.counter}`,
      timestamp: new Date(this.clock),
      logicalId,
      resourceType,
      status,
      ...(reason ? { reason } : {}),
      physicalId: resourceType === 'AWS::CloudFormation::Stack' ? stack.description.stackId : `${logicalId.toLowerCase()}-physical`,
    });
  }

  private live(stackName: string): ScriptedStack | undefined {
    return this.stacks.find((stack) => stack.description.stackName === stackName && stack.description.status !== 'DELETE_COMPLETE');
  }

  private find(nameOrId: string): ScriptedStack | undefined {
    return this.stacks.find((stack) => stack.description.stackId === nameOrId) ?? this.live(nameOrId);
  }
}
