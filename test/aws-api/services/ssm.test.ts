// SSM Parameter Store through the local endpoint's handlers, on the account's parameter store:
// versions and selectors, paths, SecureString, and SSM's own errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from './support/api-harness.js';

let api: ApiHarness;
const ssm = (operation: string, input: Record<string, unknown> = {}) => api.call('ssm', operation, input);
type Parameter = { Name: string; Type: string; Value: string; Version: number; Selector?: string; LastModifiedDate: Date; ARN: string; DataType: string };

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('PutParameter and GetParameter', () => {
  it('creates version 1, overwrites to version 2, and reads either version by selector', async () => {
    expect(await ssm('PutParameter', { Name: '/app/db/host', Value: 'one', Type: 'String' })).toEqual({ Version: 1, Tier: 'Standard' });
    expect(await ssm('PutParameter', { Name: '/app/db/host', Value: 'two', Overwrite: true })).toEqual({ Version: 2, Tier: 'Standard' });
    const { Parameter } = (await ssm('GetParameter', { Name: '/app/db/host' })) as { Parameter: Parameter };
    expect(Parameter).toEqual({
      Name: '/app/db/host', Type: 'String', Value: 'two', Version: 2, LastModifiedDate: expect.any(Date), ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/host', DataType: 'text',
    });
    const first = (await ssm('GetParameter', { Name: '/app/db/host:1' })) as { Parameter: Parameter };
    expect(first.Parameter).toMatchObject({ Name: '/app/db/host', Value: 'one', Version: 1, Selector: ':1' });
    // The store reads the same value a build's `parameter-store` would.
    expect(await api.account.parameters.getParameter('/app/db/host')).toBe('two');
  });

  it('answers ParameterNotFound, ParameterVersionNotFound, and ParameterAlreadyExists without Overwrite', async () => {
    await ssm('PutParameter', { Name: 'plain', Value: 'v', Type: 'String' });
    await expect(ssm('GetParameter', { Name: '/missing' })).rejects.toMatchObject({ code: 'ParameterNotFound', message: 'Parameter /missing not found.' });
    await expect(ssm('GetParameter', { Name: 'plain:7' })).rejects.toMatchObject({ code: 'ParameterVersionNotFound' });
    await expect(ssm('GetParameter', { Name: 'plain:some-label' })).rejects.toMatchObject({ code: 'ParameterNotFound' });
    await expect(ssm('PutParameter', { Name: 'plain', Value: 'w', Type: 'String' })).rejects.toMatchObject({
      code: 'ParameterAlreadyExists', message: 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    });
  });

  it('hides a SecureString value unless WithDecryption', async () => {
    await ssm('PutParameter', { Name: '/app/secret', Value: 's3cr3t', Type: 'SecureString' });
    const sealed = (await ssm('GetParameter', { Name: '/app/secret' })) as { Parameter: Parameter };
    expect(sealed.Parameter.Type).toBe('SecureString');
    expect(sealed.Parameter.Value).not.toContain('s3cr3t');
    const open = (await ssm('GetParameter', { Name: '/app/secret', WithDecryption: true })) as { Parameter: Parameter };
    expect(open.Parameter.Value).toBe('s3cr3t');
  });

  it("refuses what SSM refuses: no type on create, bad names, deep paths, too long values, a value the pattern rejects", async () => {
    await expect(ssm('PutParameter', { Name: 'x', Value: 'v' })).rejects.toMatchObject({ code: 'ValidationException', message: 'A parameter type is required when you create a parameter.' });
    await expect(ssm('PutParameter', { Name: 'awsThing', Value: 'v', Type: 'String' })).rejects.toMatchObject({ code: 'ValidationException', message: expect.stringContaining('prefixed with "aws" or "ssm"') });
    await expect(ssm('PutParameter', { Name: 'a/b', Value: 'v', Type: 'String' })).rejects.toMatchObject({ code: 'ValidationException', message: 'Parameter name must be a fully qualified name.' });
    await expect(ssm('PutParameter', { Name: `/${'l/'.repeat(16)}x`, Value: 'v', Type: 'String' })).rejects.toMatchObject({ code: 'HierarchyLevelLimitExceededException' });
    await expect(ssm('PutParameter', { Name: 'big', Value: 'v'.repeat(4097), Type: 'String' })).rejects.toMatchObject({ code: 'ValidationException', message: expect.stringContaining('4096') });
    expect(await ssm('PutParameter', { Name: 'big', Value: 'v'.repeat(4097), Type: 'String', Tier: 'Intelligent-Tiering' })).toEqual({ Version: 1, Tier: 'Advanced' });
    await expect(ssm('PutParameter', { Name: 'num', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' })).rejects.toMatchObject({ code: 'ParameterPatternMismatchException' });
    await expect(ssm('PutParameter', { Name: 'kind', Value: 'v', Type: 'Number' })).rejects.toMatchObject({ code: 'ValidationException' });
  });
});

describe('GetParameters', () => {
  it('returns the parameters it found and lists the names it did not', async () => {
    await ssm('PutParameter', { Name: '/a', Value: '1', Type: 'String' });
    await ssm('PutParameter', { Name: '/b', Value: '2', Type: 'StringList' });
    const answer = (await ssm('GetParameters', { Names: ['/a', '/nope', '/b', '/a:9'] })) as { Parameters: Parameter[]; InvalidParameters: string[] };
    expect(answer.Parameters.map((parameter) => [parameter.Name, parameter.Value])).toEqual([['/a', '1'], ['/b', '2']]);
    expect(answer.InvalidParameters).toEqual(['/nope', '/a:9']);
    await expect(ssm('GetParameters', { Names: Array.from({ length: 11 }, (_, index) => `/p${index}`) })).rejects.toMatchObject({ code: 'ValidationException' });
  });
});

describe('GetParametersByPath', () => {
  beforeEach(async () => {
    for (const name of ['/app/a', '/app/b', '/app/c', '/app/deep/d', '/apple', '/other/x']) await ssm('PutParameter', { Name: name, Value: name, Type: name === '/app/b' ? 'SecureString' : 'String' });
  });

  it('returns one level under the path, or every level with Recursive', async () => {
    const names = async (input: Record<string, unknown>) => ((await ssm('GetParametersByPath', input)) as { Parameters: Parameter[] }).Parameters.map((parameter) => parameter.Name);
    expect(await names({ Path: '/app' })).toEqual(['/app/a', '/app/b', '/app/c']);
    expect(await names({ Path: '/app/', Recursive: true })).toEqual(['/app/a', '/app/b', '/app/c', '/app/deep/d']);
    expect(await names({ Path: '/app', Recursive: true, ParameterFilters: [{ Key: 'Type', Option: 'Equals', Values: ['SecureString'] }] })).toEqual(['/app/b']);
    expect(await names({ Path: '/', Recursive: true })).toHaveLength(6);
  });

  it('pages with MaxResults and NextToken, in name order', async () => {
    const first = (await ssm('GetParametersByPath', { Path: '/app', Recursive: true, MaxResults: 3 })) as { Parameters: Parameter[]; NextToken?: string };
    expect(first.Parameters.map((parameter) => parameter.Name)).toEqual(['/app/a', '/app/b', '/app/c']);
    const second = (await ssm('GetParametersByPath', { Path: '/app', Recursive: true, MaxResults: 3, NextToken: first.NextToken })) as { Parameters: Parameter[]; NextToken?: string };
    expect(second.Parameters.map((parameter) => parameter.Name)).toEqual(['/app/deep/d']);
    expect(second.NextToken).toBeUndefined();
    await expect(ssm('GetParametersByPath', { Path: '/app', NextToken: 'garbage' })).rejects.toMatchObject({ code: 'InvalidNextToken' });
    await expect(ssm('GetParametersByPath', { Path: '/app', MaxResults: 11 })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('refuses a path without a leading slash and filter keys this operation does not take', async () => {
    await expect(ssm('GetParametersByPath', { Path: 'app' })).rejects.toMatchObject({ code: 'ValidationException' });
    await expect(ssm('GetParametersByPath', { Path: '/app', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })).rejects.toMatchObject({ code: 'InvalidFilterKey' });
  });
});

describe('DeleteParameter', () => {
  it('deletes a parameter, and answers ParameterNotFound for one that is not there', async () => {
    await ssm('PutParameter', { Name: '/gone', Value: 'v', Type: 'String' });
    expect(await ssm('DeleteParameter', { Name: '/gone' })).toEqual({});
    await expect(ssm('GetParameter', { Name: '/gone' })).rejects.toMatchObject({ code: 'ParameterNotFound' });
    await expect(ssm('DeleteParameter', { Name: '/gone' })).rejects.toMatchObject({ code: 'ParameterNotFound' });
  });
});
