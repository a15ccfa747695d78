// Who slipway is talking to AWS as: one cheap call that fails fast with "no credentials" or
// "expired" before anything else is attempted.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { callAws } from './aws-errors.js';
import { clientConfig, type AwsSettings } from './aws-settings.js';

/** The caller's account and ARN. */
export interface CallerIdentity {
  account: string;
  arn: string;
}

/** The STS operation the flows use. */
export interface StsApi {
  whoAmI(): Promise<CallerIdentity>;
}

/** The AWS SDK v3 implementation of StsApi. */
export class SdkSts implements StsApi {
  private readonly client: STSClient;

  constructor(settings: AwsSettings) {
    this.client = new STSClient(clientConfig(settings));
  }

  async whoAmI(): Promise<CallerIdentity> {
    const answer = await callAws({ action: 'sts:GetCallerIdentity' }, () => this.client.send(new GetCallerIdentityCommand({})));
    return { account: answer.Account ?? '', arn: answer.Arn ?? '' };
  }
}
