// EventBridge's pattern matching on the events local services emit: every operator of the
// EventBridge user guide's "content filtering" section, each with an event it matches and one it
// does not, nested fields, arrays in events, `$or`, and the rule that a missing field matches only
// `exists: false`.
import { describe, expect, it } from 'vitest';
import { codeCommitEvent, ecrPushEvent, matchesPattern } from '../../../src/local/events/index.js';

const location = { accountId: '000000000000', region: 'us-east-1' };
const push = codeCommitEvent(location, { repositoryName: 'app', repositoryId: 'id-1', arn: 'arn:aws:codecommit:us-east-1:000000000000:app', ref: 'refs/heads/main', commitId: 'c2', oldCommitId: 'c1' });
const image = ecrPushEvent(location, { repositoryName: 'web', imageDigest: 'sha256:abc', imageTag: 'v1.2.0' });
const numbers = { detail: { size: 10, ratio: 0.5, tags: ['a', 'b'], nested: { deep: { value: 'x' } }, nothing: null, empty: '', ip: '10.0.1.7' } };

describe('EventBridge matching', () => {
  it.each([
    ['exact strings, case-sensitive', { source: ['aws.codecommit'] }, push, true],
    ['exact strings, another case', { source: ['AWS.codecommit'] }, push, false],
    ['a list is OR: one value suffices', { 'detail-type': ['x', 'CodeCommit Repository State Change'] }, push, true],
    ['fields are AND: one wrong field fails', { source: ['aws.codecommit'], 'detail-type': ['ECR Image Action'] }, push, false],
    ['nested fields', { detail: { event: ['referenceUpdated'], referenceName: ['main'] } }, push, true],
    ['nested fields, a wrong one', { detail: { event: ['referenceCreated'] } }, push, false],
    ['deeper nesting', { detail: { nested: { deep: { value: ['x'] } } } }, numbers, true],
    ['resources: an event array matches when it shares a value', { resources: ['arn:aws:codecommit:us-east-1:000000000000:app'] }, push, true],
    ['event arrays', { detail: { tags: ['b', 'z'] } }, numbers, true],
    ['event arrays, no shared value', { detail: { tags: ['z'] } }, numbers, false],
    ['prefix', { detail: { 'image-tag': [{ prefix: 'v1.' }] } }, image, true],
    ['prefix, not matching', { detail: { 'image-tag': [{ prefix: 'v2.' }] } }, image, false],
    ['prefix ignoring case', { detail: { 'image-tag': [{ prefix: { 'equals-ignore-case': 'V1.' } }] } }, image, true],
    ['suffix', { detail: { referenceFullName: [{ suffix: '/main' }] } }, push, true],
    ['suffix ignoring case', { detail: { referenceFullName: [{ suffix: { 'equals-ignore-case': '/MAIN' } }] } }, push, true],
    ['suffix, not matching', { detail: { referenceFullName: [{ suffix: '/dev' }] } }, push, false],
    ['equals-ignore-case', { detail: { referenceName: [{ 'equals-ignore-case': 'MAIN' }] } }, push, true],
    ['wildcard', { detail: { referenceFullName: [{ wildcard: 'refs/*/ma*' }] } }, push, true],
    ['wildcard, not matching', { detail: { referenceFullName: [{ wildcard: 'refs/tags/*' }] } }, push, false],
    ['anything-but a value', { detail: { referenceName: [{ 'anything-but': 'dev' }] } }, push, true],
    ['anything-but a value it is', { detail: { referenceName: [{ 'anything-but': 'main' }] } }, push, false],
    ['anything-but a list', { detail: { referenceName: [{ 'anything-but': ['dev', 'main'] }] } }, push, false],
    ['anything-but a prefix', { detail: { referenceName: [{ 'anything-but': { prefix: 'ma' } }] } }, push, false],
    ['anything-but a suffix', { detail: { referenceName: [{ 'anything-but': { suffix: 'x' } }] } }, push, true],
    ['anything-but never matches a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, push, false],
    ['numeric range', { detail: { size: [{ numeric: ['>', 5, '<=', 10] }] } }, numbers, true],
    ['numeric range, outside', { detail: { size: [{ numeric: ['>', 10] }] } }, numbers, false],
    ['numeric equality', { detail: { ratio: [{ numeric: ['=', 0.5] }] } }, numbers, true],
    ['numeric on a string matches nothing', { detail: { referenceName: [{ numeric: ['>', 0] }] } }, push, false],
    ['a number matches by its string form only as a number', { detail: { size: ['10'] } }, numbers, false],
    ['a number matches a number', { detail: { size: [10] } }, numbers, true],
    ['exists: true', { detail: { oldCommitId: [{ exists: true }] } }, push, true],
    ['exists: false on a present field', { detail: { oldCommitId: [{ exists: false }] } }, push, false],
    ['exists: false on a missing field', { detail: { missing: [{ exists: false }] } }, push, true],
    ['exists: true on a missing field', { detail: { missing: [{ exists: true }] } }, push, false],
    ['null matches null, not ""', { detail: { nothing: [null] } }, numbers, true],
    ['"" does not match null', { detail: { nothing: [''] } }, numbers, false],
    ['"" matches ""', { detail: { empty: [''] } }, numbers, true],
    ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/16' }] } }, numbers, true],
    ['cidr, outside', { detail: { ip: [{ cidr: '10.1.0.0/16' }] } }, numbers, false],
    ['$or: one alternative matches', { source: ['aws.ecr'], $or: [{ detail: { 'image-tag': ['latest'] } }, { detail: { 'repository-name': ['web'] } }] }, image, true],
    ['$or: none matches', { $or: [{ detail: { 'image-tag': ['latest'] } }, { detail: { 'repository-name': ['api'] } }] }, image, false],
    ['an operator EventBridge lacks matches nothing', { detail: { referenceName: [{ regex: '.*' }] } }, push, false],
  ])('%s', (_title, pattern, event, expected) => {
    expect(matchesPattern(pattern as Record<string, unknown>, event)).toBe(expected);
  });
});

describe('the events local services emit', () => {
  it('CodeCommit: created has commitId only, updated both, deleted oldCommitId only, in AWS\'s envelope', () => {
    const base = { repositoryName: 'app', repositoryId: 'id-1', arn: 'arn:aws:codecommit:us-east-1:000000000000:app' };
    const created = codeCommitEvent(location, { ...base, ref: 'refs/tags/v1', commitId: 'c1' });
    expect(created).toMatchObject({ version: '0', source: 'aws.codecommit', 'detail-type': 'CodeCommit Repository State Change', account: '000000000000', region: 'us-east-1', resources: [base.arn] });
    expect(created.detail).toEqual({ callerUserArn: 'arn:aws:iam::000000000000:root', event: 'referenceCreated', repositoryName: 'app', repositoryId: 'id-1', referenceType: 'tag', referenceName: 'v1', referenceFullName: 'refs/tags/v1', commitId: 'c1' });
    expect(push.detail).toMatchObject({ event: 'referenceUpdated', referenceType: 'branch', commitId: 'c2', oldCommitId: 'c1' });
    const deleted = codeCommitEvent(location, { ...base, ref: 'refs/heads/old', oldCommitId: 'c0' });
    expect(deleted.detail).toMatchObject({ event: 'referenceDeleted', oldCommitId: 'c0' });
    expect(deleted.detail).not.toHaveProperty('commitId');
    expect(created.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('ECR: an image push with its tag, and no resources', () => {
    expect(image).toMatchObject({ source: 'aws.ecr', 'detail-type': 'ECR Image Action', resources: [] });
    expect(image.detail).toEqual({ result: 'SUCCESS', 'repository-name': 'web', 'image-digest': 'sha256:abc', 'action-type': 'PUSH', 'image-tag': 'v1.2.0' });
  });
});
