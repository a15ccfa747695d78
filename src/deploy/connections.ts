// AWS CodeConnections (formerly CodeStar Connections): a connection's state. A connection that
// CloudFormation or the API creates starts PENDING and only the console can complete the
// handshake with the provider (Developer Tools console guide, "Update a pending connection").
import { CodeStarConnectionsClient, GetConnectionCommand } from '@aws-sdk/client-codestar-connections';
import { callAws } from './aws-errors.js';
import { clientConfig, type AwsSettings } from './aws-settings.js';

/** A connection and its status: PENDING, AVAILABLE or ERROR. */
export interface Connection {
  arn: string;
  name?: string;
  status: string;
  providerType?: string;
}

/** The connection operations the flows use. */
export interface ConnectionsApi {
  getConnection(arn: string): Promise<Connection>;
}

/** The console page where a pending connection is completed ("Update pending connection"). */
export function connectionConsoleUrl(arn: string): string {
  // arn:aws:codeconnections:<region>:<account>:connection/<id> (or codestar-connections)
  const region = arn.split(':')[3] || 'us-east-1';
  return `https://${region}.console.aws.amazon.com/codesuite/settings/connections?region=${region}`;
}

/** The AWS SDK v3 implementation of ConnectionsApi (the CodeStar Connections API serves both ARN forms). */
export class SdkConnections implements ConnectionsApi {
  private readonly client: CodeStarConnectionsClient;

  constructor(settings: AwsSettings) {
    this.client = new CodeStarConnectionsClient(clientConfig(settings));
  }

  async getConnection(arn: string): Promise<Connection> {
    const answer = await callAws({ action: 'codestar-connections:GetConnection' }, () => this.client.send(new GetConnectionCommand({ ConnectionArn: arn })));
    const connection = answer.Connection;
    return {
      arn,
      ...(connection?.ConnectionName ? { name: connection.ConnectionName } : {}),
      status: connection?.ConnectionStatus ?? 'UNKNOWN',
      ...(connection?.ProviderType ? { providerType: connection.ProviderType } : {}),
    };
  }
}
