// The provider of each emulated resource type.
import type { ResourceProvider, ProviderContext } from './provider.js';
import { bucketPolicyProvider, bucketProvider } from './s3.js';
import { publicRepositoryProvider, repositoryProvider } from './ecr.js';
import { managedPolicyProvider, policyProvider, roleProvider } from './iam.js';
import { aliasProvider, keyProvider } from './kms.js';
import { logGroupProvider } from './logs.js';
import { projectProvider, reportGroupProvider } from './codebuild.js';
import { pipelineProvider, webhookProvider } from './codepipeline.js';
import { connectionProvider } from './connections.js';
import { ruleProvider } from './events.js';
import { ssmParameterProvider } from './ssm.js';
import { secretProvider } from './secrets.js';
import { topicProvider } from './sns.js';
import { codeCommitProvider } from './codecommit.js';
import { nestedStackProvider } from './nested-stack.js';
import { noOpProvider } from './no-op.js';

const table = (ctx: ProviderContext) => ctx.services.parameters;

/** Providers by CloudFormation resource type; a type missing here is "not emulated". */
export const PROVIDERS: Record<string, ResourceProvider> = {
  'AWS::S3::Bucket': bucketProvider,
  'AWS::S3::BucketPolicy': bucketPolicyProvider,
  'AWS::ECR::Repository': repositoryProvider,
  'AWS::ECR::PublicRepository': publicRepositoryProvider,
  'AWS::IAM::Role': roleProvider,
  'AWS::IAM::Policy': policyProvider,
  'AWS::IAM::ManagedPolicy': managedPolicyProvider,
  'AWS::KMS::Key': keyProvider,
  'AWS::KMS::Alias': aliasProvider,
  'AWS::Logs::LogGroup': logGroupProvider,
  'AWS::CodeBuild::Project': projectProvider,
  'AWS::CodeBuild::ReportGroup': reportGroupProvider,
  'AWS::CodePipeline::Pipeline': pipelineProvider,
  'AWS::CodePipeline::Webhook': webhookProvider,
  'AWS::CodeStarConnections::Connection': connectionProvider('AWS::CodeStarConnections::Connection', 'codestar-connections'),
  'AWS::CodeConnections::Connection': connectionProvider('AWS::CodeConnections::Connection', 'codeconnections'),
  'AWS::Events::Rule': ruleProvider,
  'AWS::SSM::Parameter': ssmParameterProvider(table),
  'AWS::SecretsManager::Secret': secretProvider(table),
  'AWS::SNS::Topic': topicProvider,
  'AWS::CodeCommit::Repository': codeCommitProvider,
  'AWS::CloudFormation::Stack': nestedStackProvider,
  'AWS::CDK::Metadata': noOpProvider('AWS::CDK::Metadata'),
  'AWS::CloudFormation::WaitConditionHandle': noOpProvider('AWS::CloudFormation::WaitConditionHandle'),
};

export type { ResourceProvider, ProviderContext, ProviderServices, ProvisionResult, CurrentResource, NestedStackControl } from './provider.js';
export { PropertyValidationError } from './provider.js';
