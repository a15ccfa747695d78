// Tags on every resource of a template that takes them.
import { Tags, type Stack } from 'aws-cdk-lib';

// The installed cfn-lint's schema gives AWS::CodePipeline::Webhook no Tags property, although
// the CloudFormation reference now lists one; a webhook needs no tags, so none are put on it
// rather than ship a template that the linter rejects.
const UNTAGGED_TYPES = ['AWS::CodePipeline::Webhook'];

/** Tags every taggable resource of the stack (values may be parameter references). */
export function tagResources(stack: Stack, tags: Record<string, string>): void {
  for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value, { excludeResourceTypes: UNTAGGED_TYPES });
}
