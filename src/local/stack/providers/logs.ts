// AWS::Logs::LogGroup: recorded so local builds can name where their logs go.
import { arnOf } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
const RETENTION_DAYS = ['1', '3', '5', '7', '14', '30', '60', '90', '120', '150', '180', '365', '400', '545', '731', '1096', '1827', '2192', '2557', '2922', '3288', '3653'];

/** AWS::Logs::LogGroup: Ref is the name; GetAtt Arn ends in `:*` as AWS's does. */
export const logGroupProvider: ResourceProvider = recordedProvider({
  type: 'AWS::Logs::LogGroup',
  properties: RESOURCE_PROPERTY_NAMES['AWS::Logs::LogGroup'],
  nameProperty: 'LogGroupName',
  maxNameLength: 512,
  replaceOn: ['LogGroupName', 'LogGroupClass'],
  validate(properties) {
    return new PropertyChecks(properties).pattern('LogGroupName', /^[.\-_/#A-Za-z0-9]+$/, 1, 512).oneOf('RetentionInDays', RETENTION_DAYS)
      .oneOf('LogGroupClass', ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']).problems;
  },
  identity(ctx, name) {
    return { physicalId: name, ref: name, attributes: { Arn: arnOf(ctx, 'logs', `log-group:${name}:*`) } };
  },
});
