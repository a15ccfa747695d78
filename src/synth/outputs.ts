// The stack outputs: what a person needs after deploying (where the images go, where to look).
import { Aws, CfnCondition, CfnOutput, type Stack } from 'aws-cdk-lib';
import type { DockerImagePipeline } from './constructs/index.js';

/** Choices for the generic template, where some outputs exist only in some variants. */
export interface OutputOptions {
  /** The condition under which the webhook exists. */
  readonly webhookCondition?: CfnCondition;
  /** Whether to output the connection ARN; the generic template's parameter already holds it. */
  readonly connectionArn?: boolean;
}

/** Adds RepositoryUri, PipelineName, the console URLs, and the webhook URL and connection ARN when there are any. */
export function addPipelineOutputs(stack: Stack, pipeline: DockerImagePipeline, options: OutputOptions = {}): void {
  const console = `https://${Aws.REGION}.console.aws.amazon.com`;
  new CfnOutput(stack, 'RepositoryUri', { description: 'Where the build pushes images', value: pipeline.repository.repositoryUri });
  new CfnOutput(stack, 'PipelineName', { value: pipeline.pipelineName });
  new CfnOutput(stack, 'PipelineConsoleUrl', {
    value: `${console}/codesuite/codepipeline/pipelines/${pipeline.pipelineName}/view?region=${Aws.REGION}`,
  });
  new CfnOutput(stack, 'RepositoryConsoleUrl', {
    value: `${console}/ecr/repositories/private/${Aws.ACCOUNT_ID}/${pipeline.repository.repositoryName}?region=${Aws.REGION}`,
  });
  if (pipeline.webhookUrl !== undefined) {
    new CfnOutput(stack, 'WebhookUrl', { description: 'GitHub delivers push events here', value: pipeline.webhookUrl, condition: options.webhookCondition });
  }
  if (pipeline.connectionArn !== undefined && options.connectionArn !== false) {
    new CfnOutput(stack, 'ConnectionArn', {
      description: 'A connection the stack creates stays PENDING until its handshake is completed once in the console',
      value: pipeline.connectionArn,
    });
  }
}
