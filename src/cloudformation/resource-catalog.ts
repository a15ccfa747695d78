// What each emulated resource type offers to Ref and Fn::GetAtt (AWS resource type reference,
// "Return values" of each type). Used to reject `GetAtt` of an attribute a type does not have
// before anything is created, as CloudFormation does at validation time.

/** The return values of one resource type. */
export interface ResourceTypeInfo {
  /** What `Ref` returns, in AWS's words (documentation only). */
  ref: string;
  /** Attributes `Fn::GetAtt` accepts; `Outputs.*` marks a nested stack. */
  attributes: string[];
}

/** The return values of every type the local engine emulates. */
export const RESOURCE_TYPES: Record<string, ResourceTypeInfo> = {
  'AWS::S3::Bucket': { ref: 'bucket name', attributes: ['Arn', 'DomainName', 'DualStackDomainName', 'RegionalDomainName', 'WebsiteURL'] },
  'AWS::S3::BucketPolicy': { ref: 'bucket name', attributes: [] },
  'AWS::ECR::Repository': { ref: 'repository name', attributes: ['Arn', 'RepositoryUri'] },
  'AWS::ECR::PublicRepository': { ref: 'repository name', attributes: ['Arn'] },
  'AWS::IAM::Role': { ref: 'role name', attributes: ['Arn', 'RoleId'] },
  'AWS::IAM::Policy': { ref: 'policy id', attributes: ['Id'] },
  'AWS::IAM::ManagedPolicy': { ref: 'policy ARN', attributes: ['PolicyArn', 'PolicyId', 'AttachmentCount', 'CreateDate', 'DefaultVersionId', 'IsAttachable', 'UpdateDate'] },
  'AWS::KMS::Key': { ref: 'key id', attributes: ['Arn', 'KeyId'] },
  'AWS::KMS::Alias': { ref: 'alias name', attributes: [] },
  'AWS::Logs::LogGroup': { ref: 'log group name', attributes: ['Arn'] },
  'AWS::CodeBuild::Project': { ref: 'project name', attributes: ['Arn'] },
  'AWS::CodeBuild::ReportGroup': { ref: 'report group ARN', attributes: ['Arn', 'Name'] },
  'AWS::CodePipeline::Pipeline': { ref: 'pipeline name', attributes: ['Version'] },
  'AWS::CodePipeline::Webhook': { ref: 'webhook name', attributes: ['Url'] },
  'AWS::CodeStarConnections::Connection': { ref: 'connection ARN', attributes: ['ConnectionArn', 'ConnectionStatus', 'OwnerAccountId'] },
  'AWS::CodeConnections::Connection': { ref: 'connection ARN', attributes: ['ConnectionArn', 'ConnectionStatus', 'OwnerAccountId'] },
  'AWS::Events::Rule': { ref: 'rule name', attributes: ['Arn'] },
  'AWS::SSM::Parameter': { ref: 'parameter name', attributes: ['Type', 'Value'] },
  'AWS::SecretsManager::Secret': { ref: 'secret ARN', attributes: ['Id'] },
  'AWS::SNS::Topic': { ref: 'topic ARN', attributes: ['TopicArn', 'TopicName'] },
  'AWS::CodeCommit::Repository': { ref: 'repository id', attributes: ['Arn', 'CloneUrlHttp', 'CloneUrlSsh', 'Name'] },
  'AWS::CloudFormation::Stack': { ref: 'stack id', attributes: ['Outputs.*'] },
};

/** Whether `attribute` is a GetAtt attribute of `type`; undefined for types not in the catalog. */
export function hasAttribute(type: string, attribute: string): boolean | undefined {
  const info = Object.hasOwn(RESOURCE_TYPES, type) ? RESOURCE_TYPES[type] : undefined;
  if (!info) return undefined;
  return info.attributes.some((name) => name === attribute || (name === 'Outputs.*' && attribute.startsWith('Outputs.')));
}
