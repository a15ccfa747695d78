// The protocol rules on their own, on the real models where they exist: S3 routing by method, URI
// and query, query parameters into values (flattened and non-flattened lists and maps), the
// output checker's problems, aws-chunked bodies, and which paths `slipway up` gives the registry.
import { describe, expect, it } from 'vitest';
import { checkOperationOutput, isRegistryPath, loadServiceModel, type Shape } from '../../../src/local/aws-api/index.js';
import { decodeAwsChunked } from '../../../src/local/aws-api/auth/aws-chunked.js';
import { AwsError } from '../../../src/local/aws-api/protocols/aws-error.js';
import { checkOutput } from '../../../src/local/aws-api/protocols/output-check.js';
import { fromQuery, QueryParameters } from '../../../src/local/aws-api/protocols/query-read.js';
import { findRestRoute } from '../../../src/local/aws-api/protocols/rest-routes.js';

const string: Shape = { type: 'string', members: {}, required: [] };
const shape = (fields: Partial<Shape>): Shape => ({ type: 'structure', members: {}, required: [], ...fields });

describe('S3 routing', () => {
  const route = async (method: string, target: string, headers: Record<string, string> = {}) => {
    const s3 = await loadServiceModel('s3');
    const [path, search = ''] = target.split('?');
    const query = search ? search.split('&').map((pair) => [pair.split('=')[0]!, pair.split('=')[1] ?? ''] as const) : [];
    const found = findRestRoute(s3, { method, path: path!, query, headers });
    return found && [found.operation.name, found.labels];
  };

  it('picks the operation by method, URI template, query markers and the members it requires', async () => {
    expect(await route('GET', '/')).toEqual(['ListBuckets', {}]);
    expect(await route('GET', '/bkt')).toEqual(['ListObjects', { Bucket: 'bkt' }]);
    expect(await route('GET', '/bkt/')).toEqual(['ListObjects', { Bucket: 'bkt' }]);
    expect(await route('GET', '/bkt?list-type=2&prefix=a')).toEqual(['ListObjectsV2', { Bucket: 'bkt' }]);
    expect(await route('GET', '/bkt?list-type=1')).toEqual(['ListObjects', { Bucket: 'bkt' }]);
    expect(await route('GET', '/bkt?versions')).toEqual(['ListObjectVersions', { Bucket: 'bkt' }]);
    expect(await route('POST', '/bkt?delete')).toEqual(['DeleteObjects', { Bucket: 'bkt' }]);
    expect(await route('PUT', '/bkt/k')).toEqual(['PutObject', { Bucket: 'bkt', Key: 'k' }]);
    expect(await route('PUT', '/bkt/k', { 'x-amz-copy-source': '/src/k' })).toEqual(['CopyObject', { Bucket: 'bkt', Key: 'k' }]);
    expect(await route('PUT', '/bkt/k?partNumber=1&uploadId=u')).toEqual(['UploadPart', { Bucket: 'bkt', Key: 'k' }]);
    expect(await route('DELETE', '/bkt/k?uploadId=u')).toEqual(['AbortMultipartUpload', { Bucket: 'bkt', Key: 'k' }]);
    expect(await route('DELETE', '/bkt/k')).toEqual(['DeleteObject', { Bucket: 'bkt', Key: 'k' }]);
    expect(await route('HEAD', '/bkt/k')).toEqual(['HeadObject', { Bucket: 'bkt', Key: 'k' }]);
    expect(await route('PATCH', '/bkt/k')).toBeUndefined();
  });

  it('gives a greedy label the rest of the path, decoded, keeping empty segments and a trailing slash', async () => {
    expect(await route('GET', '/bkt/dir/')).toEqual(['GetObject', { Bucket: 'bkt', Key: 'dir/' }]);
    expect(await route('GET', '/bkt/a//b')).toEqual(['GetObject', { Bucket: 'bkt', Key: 'a//b' }]);
    expect(await route('GET', '/bkt/a%20b%2Bc/%C3%BC%252F')).toEqual(['GetObject', { Bucket: 'bkt', Key: 'a b+c/ü%2F' }]);
    await expect(route('GET', '/bkt/%E0%A4%A')).rejects.toMatchObject({ code: 'InvalidURI' });
  });
});

describe('query parameters', () => {
  const read = (values: Record<string, string>, input: Shape) => fromQuery(new QueryParameters(new Map(Object.entries(values))), input, '');

  it('reads member.N lists and entry.N maps, stopping at the first gap', () => {
    const input = shape({ members: { Names: { type: 'list', member: string, members: {}, required: [] }, Labels: { type: 'map', key: string, value: string, members: {}, required: [] } } });
    expect(read({ 'Names.member.1': 'a', 'Names.member.2': 'b', 'Names.member.4': 'lost', 'Labels.entry.1.key': 'k', 'Labels.entry.1.value': 'v' }, input)).toEqual({ Names: ['a', 'b'], Labels: { k: 'v' } });
  });

  it('reads flattened lists and maps as Name.N, and locationName renames', () => {
    const input = shape({ members: { Items: { type: 'list', flattened: true, member: string, members: {}, required: [] }, Pairs: { type: 'map', flattened: true, key: { ...string, locationName: 'Name' }, value: { ...string, locationName: 'Val' }, members: {}, required: [] }, Renamed: { ...string, locationName: 'wire-name' } } });
    expect(read({ 'Items.1': 'x', 'Items.2': 'y', 'Pairs.1.Name': 'n', 'Pairs.1.Val': 'v', 'wire-name': 'w' }, input)).toEqual({ Items: ['x', 'y'], Pairs: { n: 'v' }, Renamed: 'w' });
  });
});

describe('the output checker', () => {
  it('names each member of the wrong type, unknown or missing, with its path', async () => {
    const ecr = await loadServiceModel('ecr');
    const output = ecr.operations.get('DescribeImages')!.output!;
    const problems = checkOutput({ imageDetails: [{ imagePushedAt: '2024-01-01', imageSizeInBytes: 1.5, imageTags: ['a', 7] }], extra: true, nextToken: null }, output);
    expect(problems).toEqual([
      'extra: not a member of this shape (its members: imageDetails, nextToken)',
      'imageDetails[0].imageTags[1]: expected a string, found number 7',
      'imageDetails[0].imageSizeInBytes: expected an integer, found number 1.5',
      'imageDetails[0].imagePushedAt: expected a valid Date, found string "2024-01-01"',
    ]);
    const cloudformation = await loadServiceModel('cloudformation');
    expect(checkOutput({ Stacks: [{ StackName: 's' }] }, cloudformation.operations.get('DescribeStacks')!.output!)).toEqual(['Stacks[0].CreationTime: required, missing', 'Stacks[0].StackStatus: required, missing']);
  });

  it('checks an operation by name for handler tests, an operation without output taking only {}', async () => {
    expect(await checkOperationOutput('cloudformation', 'DeleteStack', {})).toEqual([]);
    expect(await checkOperationOutput('cloudformation', 'DeleteStack', { StackId: 'x' })).toEqual(['StackId: not a member of this shape (its members: none)']);
    expect(await checkOperationOutput('s3', 'GetObject', { Body: Buffer.from('x'), LastModified: new Date(), Metadata: { a: 'b' } })).toEqual([]);
    expect(await checkOperationOutput('ecr', 'DescribeImage', {})).toEqual(["ECR has no operation 'DescribeImage'"]);
  });
});

describe('aws-chunked bodies', () => {
  it('decodes chunks and trailing headers', () => {
    const body = Buffer.from('6\r\nhello \r\n6\r\nworld\n\r\n0\r\nx-amz-checksum-crc32:rwg7LQ==\r\n\r\n');
    expect(decodeAwsChunked(body)).toEqual({ data: Buffer.from('hello world\n'), trailers: { 'x-amz-checksum-crc32': 'rwg7LQ==' } });
  });

  it('refuses a chunk that runs past the body or a header that is not hexadecimal (IncompleteBody)', () => {
    for (const text of ['a\r\nshort\r\n0\r\n\r\n', 'zz\r\nhello\r\n', '5\r\nhello']) {
      expect(() => decodeAwsChunked(Buffer.from(text))).toThrow(AwsError);
      expect(() => decodeAwsChunked(Buffer.from(text))).toThrow(/aws-chunked request body could not be read/);
    }
  });
});

describe('one port for the registry and the AWS API', () => {
  it('gives /v2 and /v2/... to the registry and every other path to the gateway', () => {
    expect(['/v2', '/v2/', '/v2/app/manifests/latest', '/v2/_catalog?n=1'].map(isRegistryPath)).toEqual([true, true, true, true]);
    expect(['/', '/v2x/key', '/bucket/v2/', '/?Action=GetCallerIdentity'].map(isRegistryPath)).toEqual([false, false, false, false]);
  });
});
