// Types that mean nothing locally and need no record: AWS::CDK::Metadata (CDK's usage analytics)
// and AWS::CloudFormation::WaitConditionHandle (a URL for signals nobody sends locally).
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';
import type { ResourceProvider } from './provider.js';

/** Accepts the type's properties, has a generated physical id, and does nothing. */
export function noOpProvider(type: 'AWS::CDK::Metadata' | 'AWS::CloudFormation::WaitConditionHandle'): ResourceProvider {
  return {
    properties: RESOURCE_PROPERTY_NAMES[type],
    replaceOn: [],
    validate: () => [],
    async create(ctx) {
      const name = ctx.generateName(128);
      return Promise.resolve({ physicalId: name, ref: name, attributes: {} });
    },
    async update(_ctx, current) {
      return Promise.resolve({ physicalId: current.physicalId, ref: current.physicalId, attributes: current.attributes });
    },
    async delete() {
      return Promise.resolve();
    },
  };
}
