// Secrets Manager through the local endpoint's handlers: versions and staging labels, string and
// binary values, idempotent client request tokens, deletion with a recovery window, and the
// service's errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from './support/api-harness.js';

let api: ApiHarness;
const sm = (operation: string, input: Record<string, unknown> = {}) => api.call('secretsmanager', operation, input);
const TOKEN_1 = 'token-0000000000000000000000000000001';
const TOKEN_2 = 'token-0000000000000000000000000000002';

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('CreateSecret and GetSecretValue', () => {
  it('creates a secret whose ARN ends in six random characters, with its first version AWSCURRENT', async () => {
    const created = (await sm('CreateSecret', { Name: 'app/db', SecretString: '{"password":"one"}', ClientRequestToken: TOKEN_1, Description: 'the db' })) as { ARN: string; Name: string; VersionId: string };
    expect(created).toEqual({ ARN: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/db-[A-Za-z0-9]{6}$/), Name: 'app/db', VersionId: TOKEN_1 });
    const value = await sm('GetSecretValue', { SecretId: 'app/db' });
    expect(value).toEqual({ ARN: created.ARN, Name: 'app/db', VersionId: TOKEN_1, SecretString: '{"password":"one"}', VersionStages: ['AWSCURRENT'], CreatedDate: expect.any(Date) });
    // By ARN, and by the ARN without its random suffix, as Secrets Manager allows.
    expect(await sm('GetSecretValue', { SecretId: created.ARN })).toMatchObject({ VersionId: TOKEN_1 });
    expect(await sm('GetSecretValue', { SecretId: created.ARN.slice(0, -7) })).toMatchObject({ VersionId: TOKEN_1 });
    // Builds read the same value (`secrets-manager` in a buildspec).
    expect(await api.account.parameters.getSecretString({ secretId: 'app/db' })).toBe('{"password":"one"}');
  });

  it('keeps a binary value as bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await sm('CreateSecret', { Name: 'blob', SecretBinary: bytes });
    const value = (await sm('GetSecretValue', { SecretId: 'blob' })) as { SecretBinary: Buffer; SecretString?: string };
    expect(value.SecretBinary.equals(bytes)).toBe(true);
    expect(value.SecretString).toBeUndefined();
  });

  it('answers a secret without a value, an unknown secret and an unknown version with ResourceNotFoundException', async () => {
    expect(await sm('CreateSecret', { Name: 'empty' })).toEqual({ ARN: expect.any(String), Name: 'empty' });
    await expect(sm('GetSecretValue', { SecretId: 'empty' })).rejects.toMatchObject({ code: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT" });
    await expect(sm('GetSecretValue', { SecretId: 'nope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
    await sm('PutSecretValue', { SecretId: 'empty', SecretString: 'x' });
    await expect(sm('GetSecretValue', { SecretId: 'empty', VersionId: 'not-a-version-0000000000000000000000' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });

  it('refuses a taken name, both kinds of value at once, and a bad name', async () => {
    await sm('CreateSecret', { Name: 'taken', SecretString: 'v' });
    await expect(sm('CreateSecret', { Name: 'taken', SecretString: 'w' })).rejects.toMatchObject({ code: 'ResourceExistsException', message: 'The operation failed because the secret taken already exists.' });
    await expect(sm('CreateSecret', { Name: 'both', SecretString: 'v', SecretBinary: Buffer.from('w') })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(sm('CreateSecret', { Name: 'bad name!', SecretString: 'v' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });
});

describe('PutSecretValue', () => {
  it('moves AWSCURRENT to the new version and AWSPREVIOUS to the one before; older versions lose their labels', async () => {
    await sm('CreateSecret', { Name: 'pw', SecretString: 'one', ClientRequestToken: TOKEN_1 });
    expect(await sm('PutSecretValue', { SecretId: 'pw', SecretString: 'two', ClientRequestToken: TOKEN_2 })).toEqual({ ARN: expect.any(String), Name: 'pw', VersionId: TOKEN_2, VersionStages: ['AWSCURRENT'] });
    const third = (await sm('PutSecretValue', { SecretId: 'pw', SecretString: 'three' })) as { VersionId: string };
    expect(await sm('GetSecretValue', { SecretId: 'pw' })).toMatchObject({ SecretString: 'three', VersionId: third.VersionId });
    expect(await sm('GetSecretValue', { SecretId: 'pw', VersionStage: 'AWSPREVIOUS' })).toMatchObject({ SecretString: 'two', VersionId: TOKEN_2, VersionStages: ['AWSPREVIOUS'] });
    expect(await sm('GetSecretValue', { SecretId: 'pw', VersionId: TOKEN_1 })).toMatchObject({ SecretString: 'one', VersionStages: [] });
    const described = (await sm('DescribeSecret', { SecretId: 'pw' })) as { VersionIdsToStages: Record<string, string[]> };
    expect(described.VersionIdsToStages).toEqual({ [third.VersionId]: ['AWSCURRENT'], [TOKEN_2]: ['AWSPREVIOUS'] });
  });

  it('puts a version under custom labels without moving AWSCURRENT', async () => {
    await sm('CreateSecret', { Name: 'pw', SecretString: 'one', ClientRequestToken: TOKEN_1 });
    expect(await sm('PutSecretValue', { SecretId: 'pw', SecretString: 'next', ClientRequestToken: TOKEN_2, VersionStages: ['PENDING'] })).toMatchObject({ VersionStages: ['PENDING'] });
    expect(await sm('GetSecretValue', { SecretId: 'pw' })).toMatchObject({ SecretString: 'one' });
    expect(await sm('GetSecretValue', { SecretId: 'pw', VersionStage: 'PENDING' })).toMatchObject({ SecretString: 'next' });
  });

  it('answers a repeated token with the same value again, and refuses it with another value', async () => {
    await sm('CreateSecret', { Name: 'pw', SecretString: 'one', ClientRequestToken: TOKEN_1 });
    await sm('PutSecretValue', { SecretId: 'pw', SecretString: 'two', ClientRequestToken: TOKEN_2 });
    expect(await sm('PutSecretValue', { SecretId: 'pw', SecretString: 'two', ClientRequestToken: TOKEN_2 })).toMatchObject({ VersionId: TOKEN_2, VersionStages: ['AWSCURRENT'] });
    await expect(sm('PutSecretValue', { SecretId: 'pw', SecretString: 'other', ClientRequestToken: TOKEN_2 })).rejects.toMatchObject({ code: 'ResourceExistsException' });
    await expect(sm('PutSecretValue', { SecretId: 'pw' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(sm('PutSecretValue', { SecretId: 'nope', SecretString: 'x' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('DescribeSecret and DeleteSecret', () => {
  it('describes a secret with its dates, description and tags', async () => {
    await sm('CreateSecret', { Name: 'app', SecretString: 'v', Description: 'it', Tags: [{ Key: 'team', Value: 'ci' }] });
    expect(await sm('DescribeSecret', { SecretId: 'app' })).toMatchObject({
      Name: 'app', Description: 'it', Tags: [{ Key: 'team', Value: 'ci' }], RotationEnabled: false, CreatedDate: expect.any(Date), LastChangedDate: expect.any(Date),
    });
  });

  it('schedules a deletion 30 days out by default; the secret can then only be described or deleted for good', async () => {
    await sm('CreateSecret', { Name: 'old', SecretString: 'v' });
    const deleted = (await sm('DeleteSecret', { SecretId: 'old' })) as { DeletionDate: Date };
    expect(Math.round((deleted.DeletionDate.getTime() - Date.now()) / 86_400_000)).toBe(30);
    expect(await sm('DescribeSecret', { SecretId: 'old' })).toMatchObject({ DeletedDate: expect.any(Date) });
    await expect(sm('GetSecretValue', { SecretId: 'old' })).rejects.toMatchObject({ code: 'InvalidRequestException', message: "You can't perform this operation on the secret because it was marked for deletion." });
    await expect(sm('PutSecretValue', { SecretId: 'old', SecretString: 'w' })).rejects.toMatchObject({ code: 'InvalidRequestException' });
    await expect(sm('CreateSecret', { Name: 'old', SecretString: 'w' })).rejects.toMatchObject({ code: 'InvalidRequestException' });
    await expect(sm('DeleteSecret', { SecretId: 'old' })).rejects.toMatchObject({ code: 'InvalidRequestException' });
    expect(await api.account.parameters.getSecretString({ secretId: 'old' })).toBeUndefined();
    await sm('DeleteSecret', { SecretId: 'old', ForceDeleteWithoutRecovery: true });
    await expect(sm('DescribeSecret', { SecretId: 'old' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await sm('CreateSecret', { Name: 'old', SecretString: 'again' });
  });

  it('takes a recovery window of 7 to 30 days, never with ForceDeleteWithoutRecovery', async () => {
    await sm('CreateSecret', { Name: 's', SecretString: 'v' });
    await expect(sm('DeleteSecret', { SecretId: 's', RecoveryWindowInDays: 3 })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(sm('DeleteSecret', { SecretId: 's', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    const deleted = (await sm('DeleteSecret', { SecretId: 's', RecoveryWindowInDays: 7 })) as { DeletionDate: Date };
    expect(Math.round((deleted.DeletionDate.getTime() - Date.now()) / 86_400_000)).toBe(7);
  });

  it('removes a secret whose recovery window has passed', async () => {
    const { ARN } = (await sm('CreateSecret', { Name: 'expired', SecretString: 'v' })) as { ARN: string };
    api.account.parameters.scheduleSecretDeletion(ARN, new Date(Date.now() - 1000));
    await expect(sm('DescribeSecret', { SecretId: 'expired' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await sm('CreateSecret', { Name: 'expired', SecretString: 'new' });
  });
});
