// AWS::SNS::Topic: recorded; nothing is delivered locally.
import { arnOf } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** AWS::SNS::Topic: Ref is the topic ARN; a FIFO topic's name ends in `.fifo` (SNS CreateTopic). */
export const topicProvider: ResourceProvider = recordedProvider({
  type: 'AWS::SNS::Topic',
  properties: RESOURCE_PROPERTY_NAMES['AWS::SNS::Topic'],
  nameProperty: 'TopicName',
  maxNameLength: 256,
  replaceOn: ['TopicName', 'FifoTopic'],
  validate(properties) {
    const fifo = properties.FifoTopic === true || properties.FifoTopic === 'true';
    const name = properties.TopicName;
    return new PropertyChecks(properties).pattern('TopicName', /^[A-Za-z0-9_-]+(\.fifo)?$/, 1, 256)
      .when(name !== undefined && fifo !== String(name).endsWith('.fifo'), '#/TopicName: a FIFO topic name must end with .fifo, and only a FIFO topic name may').problems;
  },
  identity(ctx, name) {
    const arn = arnOf(ctx, 'sns', name);
    return { physicalId: arn, ref: arn, attributes: { TopicArn: arn, TopicName: name } };
  },
});
