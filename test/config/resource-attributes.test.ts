// slipway.yml's local.resourceAttributes: values for attributes of resources the local engine does
// not emulate, checked at the edge like every other key: keys are `Logical.Attribute` or
// `Logical` (a logical id is alphanumeric, as CloudFormation requires), values are strings.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { configProblems } from '../support/config-problems.js';

const HEAD = 'name: w\nsource: {owner: a, repository: w}\n';


describe('slipway.yml local.resourceAttributes', () => {
  it('defaults to no values, and keeps the values given for Fn::GetAtt and Ref as written', () => {
    expect(parseConfig(HEAD, 'slipway.yml').local).toEqual({ sources: {}, resourceAttributes: {} });
    const config = parseConfig(`${HEAD}local:\n  resourceAttributes:\n    Lookup.ImageId: ami-0abc\n    Lookup: lookup-1\n    Vendor.Outputs.Id: "000000000000"\n`, 'slipway.yml');
    expect(config.local.resourceAttributes).toEqual({ 'Lookup.ImageId': 'ami-0abc', Lookup: 'lookup-1', 'Vendor.Outputs.Id': '000000000000' });
  });

  it('refuses a key that is no logical id and a value that is not a string, each at its line and column', () => {
    const text = `${HEAD}local:\n  resourceAttributes:\n    Look-up.ImageId: x\n    Lookup.Tags: {a: b}\n    Vendor.AccountNumber: 000000000000\n`;
    expect(configProblems(text)).toEqual([
      'slipway.yml:5:5 local.resourceAttributes.Look-up.ImageId: key "Look-up.ImageId": expected Logical.Attribute (as Fn::GetAtt reads it) or Logical (for Ref), the logical id alphanumeric',
      'slipway.yml:6:18 local.resourceAttributes.Lookup.Tags: expected string, found a mapping',
      'slipway.yml:7:27 local.resourceAttributes.Vendor.AccountNumber: expected string, found 0',
    ]);
  });

  it('refuses a list where the mapping belongs', () => {
    expect(configProblems(`${HEAD}local: {resourceAttributes: [Lookup.ImageId=x]}\n`)).toEqual([
      'slipway.yml:3:29 local.resourceAttributes: expected record, found a list of 1',
    ]);
  });
});
