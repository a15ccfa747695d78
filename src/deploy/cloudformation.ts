// The CloudFormation calls slipway makes, behind the interface the deploy flows consume, and
// their AWS SDK v3 implementation. Every call goes through callAws, so errors arrive translated.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  ValidateTemplateCommand,
  type Change,
  type Parameter,
  type StackEvent as SdkStackEvent,
} from '@aws-sdk/client-cloudformation';
import { awsErrorCode, awsErrorMessage, callAws, translateAwsError } from './aws-errors.js';
import { clientConfig, type AwsSettings } from './aws-settings.js';
import type { TemplateText } from './template-location.js';

/** A stack as DescribeStacks reports it. */
export interface StackDescription {
  stackId: string;
  stackName: string;
  status: string;
  statusReason?: string;
  outputs: Record<string, string>;
  parameters: Record<string, string>;
}

/** One row of DescribeStackEvents. */
export interface StackEvent {
  eventId: string;
  timestamp: Date;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: string;
  reason?: string;
  clientRequestToken?: string;
}

/** One row of ListStackResources. */
export interface StackResource {
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: string;
}

/** A change set as DescribeChangeSet reports it, with every page of changes. */
export interface ChangeSetDescription {
  id: string;
  status: string;
  statusReason?: string;
  executionStatus?: string;
  changes: Change[];
}

/**
 * How a template is passed to CloudFormation: inline (TemplateBody, at most 51,200 bytes) or as
 * the URL of an S3 object (TemplateURL, at most 1,000,000 bytes); see template-delivery.ts.
 */
export type TemplateArgument = { templateBody: string } | { templateUrl: string };

/** What CreateChangeSet needs from slipway. */
export interface ChangeSetRequest {
  stackName: string;
  changeSetName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  template: TemplateArgument;
  parameters: Parameter[];
  capabilities: string[];
  tags: Record<string, string>;
  description: string;
}

/** The CloudFormation operations the deploy, destroy and status flows use. */
export interface CloudFormationApi {
  /** The stack by name or id, or undefined when there is none. */
  describeStack(stackNameOrId: string): Promise<StackDescription | undefined>;
  /** Capabilities the template needs, as ValidateTemplate reports them; `template` places its errors. */
  validateTemplate(template: TemplateText, argument: TemplateArgument): Promise<{ capabilities: string[] }>;
  createChangeSet(request: ChangeSetRequest, template: TemplateText): Promise<{ id: string; stackId: string }>;
  describeChangeSet(changeSetId: string, stackName: string): Promise<ChangeSetDescription>;
  executeChangeSet(changeSetId: string, stackName: string, clientRequestToken: string): Promise<void>;
  deleteChangeSet(changeSetId: string, stackName: string): Promise<void>;
  deleteStack(stackNameOrId: string, clientRequestToken: string): Promise<void>;
  /** One page of stack events, newest first as AWS documents it. */
  describeStackEvents(stackId: string, nextToken?: string): Promise<{ events: StackEvent[]; nextToken?: string }>;
  listStackResources(stackNameOrId: string): Promise<StackResource[]>;
  /** The template the stack was last deployed with, as text. */
  getTemplate(stackNameOrId: string): Promise<string>;
}

/** True when an error is CloudFormation saying the stack does not exist. */
function isMissingStack(error: unknown): boolean {
  return awsErrorCode(error) === 'ValidationError' && /does not exist/i.test(awsErrorMessage(error));
}

/** The AWS SDK v3 implementation of CloudFormationApi. */
export class SdkCloudFormation implements CloudFormationApi {
  private readonly client: CloudFormationClient;

  constructor(settings: AwsSettings) {
    this.client = new CloudFormationClient(clientConfig(settings));
  }

  async describeStack(stackNameOrId: string): Promise<StackDescription | undefined> {
    try {
      const answer = await this.client.send(new DescribeStacksCommand({ StackName: stackNameOrId }));
      const stack = answer.Stacks?.[0];
      if (!stack) return undefined;
      return {
        stackId: stack.StackId ?? stackNameOrId,
        stackName: stack.StackName ?? stackNameOrId,
        status: stack.StackStatus ?? 'UNKNOWN',
        ...(stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
        outputs: Object.fromEntries((stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? ''])),
        parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
      };
    } catch (error) {
      if (isMissingStack(error)) return undefined;
      throw translateAwsError(error, { action: 'cloudformation:DescribeStacks' });
    }
  }

  async validateTemplate(template: TemplateText, argument: TemplateArgument): Promise<{ capabilities: string[] }> {
    const answer = await callAws({ action: 'cloudformation:ValidateTemplate', template }, () =>
      this.client.send(new ValidateTemplateCommand(templateParameters(argument))),
    );
    return { capabilities: answer.Capabilities ?? [] };
  }

  async createChangeSet(request: ChangeSetRequest, template: TemplateText): Promise<{ id: string; stackId: string }> {
    const answer = await callAws({ action: 'cloudformation:CreateChangeSet', template }, () =>
      this.client.send(
        new CreateChangeSetCommand({
          StackName: request.stackName,
          ChangeSetName: request.changeSetName,
          ChangeSetType: request.changeSetType,
          ...templateParameters(request.template),
          Parameters: request.parameters,
          Capabilities: request.capabilities as never,
          Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
          Description: request.description,
        }),
      ),
    );
    return { id: answer.Id ?? request.changeSetName, stackId: answer.StackId ?? request.stackName };
  }

  async describeChangeSet(changeSetId: string, stackName: string): Promise<ChangeSetDescription> {
    const changes: Change[] = [];
    let nextToken: string | undefined;
    let first: ChangeSetDescription | undefined;
    do {
      const answer = await callAws({ action: 'cloudformation:DescribeChangeSet' }, () =>
        this.client.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName, NextToken: nextToken })),
      );
      changes.push(...(answer.Changes ?? []));
      first ??= {
        id: answer.ChangeSetId ?? changeSetId,
        status: answer.Status ?? 'UNKNOWN',
        ...(answer.StatusReason ? { statusReason: answer.StatusReason } : {}),
        ...(answer.ExecutionStatus ? { executionStatus: answer.ExecutionStatus } : {}),
        changes,
      };
      nextToken = answer.NextToken;
    } while (nextToken);
    return first;
  }

  async executeChangeSet(changeSetId: string, stackName: string, clientRequestToken: string): Promise<void> {
    await callAws({ action: 'cloudformation:ExecuteChangeSet' }, () =>
      this.client.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName, ClientRequestToken: clientRequestToken })),
    );
  }

  async deleteChangeSet(changeSetId: string, stackName: string): Promise<void> {
    await callAws({ action: 'cloudformation:DeleteChangeSet' }, () =>
      this.client.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName })),
    );
  }

  async deleteStack(stackNameOrId: string, clientRequestToken: string): Promise<void> {
    await callAws({ action: 'cloudformation:DeleteStack' }, () =>
      this.client.send(new DeleteStackCommand({ StackName: stackNameOrId, ClientRequestToken: clientRequestToken })),
    );
  }

  async describeStackEvents(stackId: string, nextToken?: string): Promise<{ events: StackEvent[]; nextToken?: string }> {
    const answer = await callAws({ action: 'cloudformation:DescribeStackEvents' }, () =>
      this.client.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: nextToken })),
    );
    return { events: (answer.StackEvents ?? []).map(toStackEvent), ...(answer.NextToken ? { nextToken: answer.NextToken } : {}) };
  }

  async listStackResources(stackNameOrId: string): Promise<StackResource[]> {
    const resources: StackResource[] = [];
    let nextToken: string | undefined;
    do {
      const answer = await callAws({ action: 'cloudformation:ListStackResources' }, () =>
        this.client.send(new ListStackResourcesCommand({ StackName: stackNameOrId, NextToken: nextToken })),
      );
      for (const summary of answer.StackResourceSummaries ?? []) {
        resources.push({
          logicalId: summary.LogicalResourceId ?? '',
          ...(summary.PhysicalResourceId ? { physicalId: summary.PhysicalResourceId } : {}),
          resourceType: summary.ResourceType ?? '',
          status: summary.ResourceStatus ?? '',
        });
      }
      nextToken = answer.NextToken;
    } while (nextToken);
    return resources;
  }

  async getTemplate(stackNameOrId: string): Promise<string> {
    const answer = await callAws({ action: 'cloudformation:GetTemplate' }, () =>
      this.client.send(new GetTemplateCommand({ StackName: stackNameOrId, TemplateStage: 'Original' })),
    );
    return answer.TemplateBody ?? '';
  }
}

/** TemplateBody or TemplateURL, whichever the argument holds (CloudFormation takes one of them). */
function templateParameters(argument: TemplateArgument): { TemplateBody: string } | { TemplateURL: string } {
  return 'templateUrl' in argument ? { TemplateURL: argument.templateUrl } : { TemplateBody: argument.templateBody };
}

function toStackEvent(event: SdkStackEvent): StackEvent {
  return {
    eventId: event.EventId ?? '',
    timestamp: event.Timestamp ?? new Date(0),
    logicalId: event.LogicalResourceId ?? '',
    ...(event.PhysicalResourceId ? { physicalId: event.PhysicalResourceId } : {}),
    resourceType: event.ResourceType ?? '',
    status: event.ResourceStatus ?? '',
    ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {}),
    ...(event.ClientRequestToken ? { clientRequestToken: event.ClientRequestToken } : {}),
  };
}
