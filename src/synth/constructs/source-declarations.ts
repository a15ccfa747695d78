// CfnPipeline validates a plain action or trigger as its camelCase struct but passes an `Fn::If`
// through untouched, so sources write CloudFormation's casing (valid inside `Fn::If`) and the
// plain ones are mapped back to CfnPipeline's structs here, field by field.
import { Token, type IResolvable } from 'aws-cdk-lib';
import type { CfnPipeline } from 'aws-cdk-lib/aws-codepipeline';
import type { SourceActionDeclaration, TriggerDeclaration } from './pipeline-source.js';

/** The source action as CfnPipeline takes it. */
export function sourceActionProperty(action: SourceActionDeclaration | IResolvable): CfnPipeline.ActionDeclarationProperty | IResolvable {
  if (Token.isUnresolved(action)) return action as IResolvable;
  const { Name, ActionTypeId, Configuration, OutputArtifacts, RunOrder } = action as SourceActionDeclaration;
  return {
    name: Name,
    actionTypeId: { category: ActionTypeId.Category, owner: ActionTypeId.Owner, provider: ActionTypeId.Provider, version: ActionTypeId.Version },
    configuration: Configuration,
    outputArtifacts: OutputArtifacts.map((artifact) => ({ name: artifact.Name })),
    runOrder: RunOrder,
  };
}

/** The triggers as CfnPipeline takes them. */
export function triggerProperties(
  triggers: TriggerDeclaration[] | IResolvable | undefined,
): CfnPipeline.PipelineTriggerDeclarationProperty[] | IResolvable | undefined {
  if (triggers === undefined || Token.isUnresolved(triggers)) return triggers as IResolvable | undefined;
  return (triggers as TriggerDeclaration[]).map((trigger) => ({
    providerType: trigger.ProviderType,
    gitConfiguration: {
      sourceActionName: trigger.GitConfiguration.SourceActionName,
      push: trigger.GitConfiguration.Push.map((push) => ({ branches: { includes: push.Branches.Includes } })),
    },
  }));
}
