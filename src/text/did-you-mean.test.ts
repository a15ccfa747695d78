// The closest known word to a misspelt one, offered as "did you mean X?" when it is a likely typo.
import { describe, expect, it } from 'vitest';
import { closestWord } from './did-you-mean.js';

describe('closestWord', () => {
  it('suggests the candidate one edit away, a swap of neighbouring letters counting as one', () => {
    expect(closestWord('TopicNme', ['DisplayName', 'TopicName'])).toBe('TopicName');
    expect(closestWord('nmae', ['name', 'source'])).toBe('name');
  });

  it('ignores case when it compares', () => {
    expect(closestWord('Aws::S3::Bucket', ['AWS::S3::Bucket', 'AWS::SNS::Topic'])).toBe('AWS::S3::Bucket');
  });

  it('suggests nothing when no candidate is close enough to be a typo', () => {
    expect(closestWord('Versioning', ['BucketName', 'Tags'])).toBeUndefined();
    expect(closestWord('ab', ['xy'])).toBeUndefined();
    expect(closestWord('anything', [])).toBeUndefined();
  });
});
