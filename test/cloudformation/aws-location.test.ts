// Partitions and ARNs, with AWS's rules as the specification ("Amazon Resource Names (ARNs)").
import { describe, expect, it } from 'vitest';
import { arn, partitionOf, pseudoParameters, urlSuffixOf } from '../../src/cloudformation/index.js';

describe('partitions', () => {
  it('follow the region: aws-cn for China, aws-us-gov for GovCloud, aws elsewhere', () => {
    expect(['us-east-1', 'eu-west-3', 'cn-north-1', 'us-gov-west-1'].map(partitionOf)).toEqual(['aws', 'aws', 'aws-cn', 'aws-us-gov']);
    expect(urlSuffixOf('cn-northwest-1')).toBe('amazonaws.com.cn');
    expect(pseudoParameters({ accountId: '1', region: 'us-gov-east-1', stackName: 's', stackId: 'i' })['AWS::Partition']).toBe('aws-us-gov');
  });

  it('are part of every ARN, also of global resources, whose region is empty', () => {
    expect(arn({ service: 'cloudformation', region: 'cn-north-1', accountId: '111122223333', resource: 'stack/app/1' })).toBe('arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/app/1');
    expect(arn({ service: 'iam', region: '', accountId: '111122223333', resource: 'role/r' }, 'us-gov-west-1')).toBe('arn:aws-us-gov:iam::111122223333:role/r');
  });
});
