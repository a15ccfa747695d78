// A customer managed KMS key for pipeline artifacts, created only when asked for: it is billed
// monthly, and S3-managed encryption already encrypts artifacts at rest.
import { Aws, CfnDeletionPolicy } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { allow, type PolicyStatement } from './policy-statement.js';

/** Props of {@link ArtifactKey}. */
export interface ArtifactKeyProps {
  /** What the key is for, shown in the KMS console. */
  readonly description: string;
}

/** A symmetric KMS key with yearly rotation; the account administers it through IAM. */
export class ArtifactKey extends Construct {
  /** The key's ARN, for the artifact store, the bucket, the project and the roles. */
  readonly keyArn: string;
  /** The AWS::KMS::Key, for escape hatches. */
  readonly resource: CfnKey;

  constructor(scope: Construct, id: string, props: ArtifactKeyProps) {
    super(scope, id);
    this.resource = new CfnKey(this, 'Resource', {
      description: props.description,
      enableKeyRotation: true,
      // The default key policy: the account's IAM policies decide who may use the key
      // (KMS developer guide, "Default key policy"); the roles below get only what they use.
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministersKeyThroughIam',
            Effect: 'Allow',
            Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      },
    });
    // Said explicitly: deleting the stack schedules the key for deletion (after KMS's default
    // 30-day waiting period), together with the artifacts it encrypted.
    this.resource.cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE;
    this.resource.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
    this.keyArn = this.resource.attrArn;
  }

  /** The statement that lets a role encrypt and decrypt artifacts with this key. */
  useStatement(): PolicyStatement {
    return allow('ArtifactKey', ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], this.keyArn);
  }
}
