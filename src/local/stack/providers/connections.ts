// AWS::CodeStarConnections::Connection (and its successor AWS::CodeConnections::Connection):
// locally a connection is AVAILABLE at once, since there is no provider handshake to complete.
import type { ConnectionDeclaration } from '../../pipeline/model.js';
import { arnOf, newId } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

const PROVIDER_TYPES = ['Bitbucket', 'GitHub', 'GitHubEnterpriseServer', 'GitLab', 'GitLabSelfManaged'];

/** A connection provider for `service` (codestar-connections or codeconnections). */
export function connectionProvider(type: 'AWS::CodeStarConnections::Connection' | 'AWS::CodeConnections::Connection', service: string): ResourceProvider {
  return recordedProvider({
    type,
    properties: RESOURCE_PROPERTY_NAMES[type],
    nameProperty: 'ConnectionName',
    maxNameLength: 32,
    replaceOn: ['ConnectionName', 'ProviderType', 'HostArn'],
    validate(properties) {
      return new PropertyChecks(properties).required('ConnectionName').pattern('ConnectionName', /^[\s\S]+$/, 1, 32).oneOf('ProviderType', PROVIDER_TYPES)
        .when(properties.ProviderType === undefined && properties.HostArn === undefined, '#: either ProviderType or HostArn must be given').problems;
    },
    identity(ctx, _name, _properties, previous) {
      const arn = String(previous?.attributes.ConnectionArn ?? arnOf(ctx, service, `connection/${newId()}`));
      return { physicalId: arn, ref: arn, attributes: { ConnectionArn: arn, ConnectionStatus: 'AVAILABLE', OwnerAccountId: ctx.accountId } };
    },
    service: {
      exists: (ctx, name) => ctx.services.connections.list().some((connection) => connection.connectionName === name),
      create: (ctx, name, properties, result) => ctx.services.connections.create(connectionOf(name, properties, result.ref)),
      update: (ctx, name, properties, result) => {
        ctx.services.connections.delete(result.ref);
        ctx.services.connections.create(connectionOf(name, properties, result.ref));
      },
      delete: (ctx, _name, current) => ctx.services.connections.delete(current.physicalId),
    },
  });
}

function connectionOf(name: string, properties: Record<string, unknown>, connectionArn: string): ConnectionDeclaration {
  return { connectionName: name, connectionArn, providerType: properties.ProviderType as string | undefined, hostArn: properties.HostArn as string | undefined, connectionStatus: 'AVAILABLE' };
}
