// Types that mean nothing locally and need no record: AWS::CDK::Metadata (CDK's usage analytics)
// and AWS::CloudFormation::WaitConditionHandle (a URL for signals nobody sends locally).
import type { ResourceProvider } from './provider.js';

/** Accepts any properties, has a generated physical id, and does nothing. */
export const noOpProvider: ResourceProvider = {
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
