// CodeStar Connections and its renamed successor CodeConnections, on the account's connections
// (src/local/pipeline): GetConnection and ListConnections. A connection is AVAILABLE locally at
// once. The two services share connections: an ARN of either form names the same connection.
import { SlipwayError } from '../../../errors.js';
import type { ConnectionDeclaration } from '../../pipeline/index.js';
import type { ApiContext } from '../handler.js';
import { pageOf } from './next-token.js';
import { OperationInput } from './operation-input.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** The connections services' errors (their API references: client errors are HTTP 400). */
export const CONNECTIONS_ERRORS: ServiceErrors = {
  fallback: 'ValidationException',
  codes: { ValidationException: 400, ResourceNotFoundException: 400, ResourceUnavailableException: 400, LimitExceededException: 400 },
};

const ARN = { test: /^arn:aws(-[\w]+)*:.+:.+:[0-9]{12}:.+$/, says: 'Member must satisfy regular expression pattern: arn:aws(-[\\w]+)*:.+:.+:[0-9]{12}:.+' };
const SERVICE_NAMES = /^(arn:[^:]+:)(codestar-connections|codeconnections)(:.*)$/;

function connectionShape(ctx: ApiContext, connection: ConnectionDeclaration): Record<string, unknown> {
  return {
    ConnectionName: connection.connectionName, ConnectionArn: connection.connectionArn,
    ...(connection.providerType ? { ProviderType: connection.providerType } : {}),
    OwnerAccountId: ctx.account.settings.accountId, ConnectionStatus: connection.connectionStatus,
    ...(connection.hostArn ? { HostArn: connection.hostArn } : {}),
  };
}

/** The connection an ARN names, in either service's form. */
function find(ctx: ApiContext, connectionArn: string): ConnectionDeclaration | undefined {
  const other = connectionArn.replace(SERVICE_NAMES, (_, head: string, service: string, tail: string) => `${head}${service === 'codeconnections' ? 'codestar-connections' : 'codeconnections'}${tail}`);
  return ctx.account.connections.get(connectionArn) ?? ctx.account.connections.get(other);
}

/** GetConnection and ListConnections, for both services. */
export const connectionsHandlers = withServiceErrors({
  GetConnection: (input, ctx) => {
    const connectionArn = new OperationInput(input, CONNECTIONS_ERRORS.fallback).string('ConnectionArn', ARN);
    const connection = find(ctx, connectionArn);
    if (!connection) throw new SlipwayError('ResourceNotFoundException', `Connection ${connectionArn} does not exist`);
    return { Connection: connectionShape(ctx, connection) };
  },
  ListConnections: (input, ctx) => {
    const reader = new OperationInput(input, CONNECTIONS_ERRORS.fallback);
    const provider = reader.optionalString('ProviderTypeFilter');
    const host = reader.optionalString('HostArnFilter');
    const connections = ctx.account.connections.list()
      .filter((connection) => (provider === undefined || connection.providerType === provider) && (host === undefined || connection.hostArn === host));
    const page = pageOf(connections, {
      keyOf: (connection) => connection.connectionArn, size: reader.optionalInteger('MaxResults', 0, 100) || 50, token: reader.optionalString('NextToken'),
      invalidToken: () => reader.fail('Invalid NextToken'),
    });
    return { Connections: page.items.map((connection) => connectionShape(ctx, connection)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
}, CONNECTIONS_ERRORS);
