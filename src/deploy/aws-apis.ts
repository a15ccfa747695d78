// The composition root for the AWS side: one client per service, all from the same settings.
import { SdkCloudFormation } from './cloudformation.js';
import { SdkPipeline } from './codepipeline.js';
import { SdkConnections } from './connections.js';
import { SdkEcr } from './ecr.js';
import type { AwsSettings } from './aws-settings.js';
import type { AwsApis } from './flow-context.js';
import { SdkS3 } from './s3.js';
import { SdkSts } from './sts.js';

/** Real AWS clients for every service the flows use; `endpointUrl` applies to each of them. */
export function awsApis(settings: AwsSettings): AwsApis {
  return {
    cloudFormation: new SdkCloudFormation(settings),
    pipeline: new SdkPipeline(settings),
    connections: new SdkConnections(settings),
    ecr: new SdkEcr(settings),
    s3: new SdkS3(settings),
    sts: new SdkSts(settings),
  };
}
