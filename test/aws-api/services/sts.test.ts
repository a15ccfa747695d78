// STS through the local endpoint's handlers: who signed a request, and temporary credentials
// from AssumeRole that the endpoint then knows (so GetCallerIdentity names the assumed role).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleSessions } from '../../../src/local/aws-api/services/index.js';
import { apiHarness, type ApiHarness } from './support/api-harness.js';

let api: ApiHarness;
const ROLE = 'arn:aws:iam::000000000000:role/deploy/ci-role';

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('GetCallerIdentity', () => {
  it("names the account's root user for the account's own key", async () => {
    expect(await api.call('sts', 'GetCallerIdentity')).toEqual({ UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
  });

  it('refuses a key the account never issued', async () => {
    await expect(api.call('sts', 'GetCallerIdentity', {}, { accessKeyId: 'AKIAUNKNOWNUNKNOWN00' })).rejects.toMatchObject({ code: 'InvalidClientTokenId' });
  });
});

describe('AssumeRole', () => {
  it('hands out session credentials that last DurationSeconds and are known to the account', async () => {
    const before = Date.now();
    const answer = (await api.call('sts', 'AssumeRole', { RoleArn: ROLE, RoleSessionName: 'build-7', DurationSeconds: 900 })) as {
      Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
      AssumedRoleUser: { AssumedRoleId: string; Arn: string };
    };
    expect(answer.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(answer.Credentials.SecretAccessKey).toHaveLength(40);
    expect(answer.Credentials.SessionToken.length).toBeGreaterThan(100);
    expect(answer.Credentials.Expiration.getTime() - before).toBeGreaterThan(899_000);
    expect(answer.Credentials.Expiration.getTime() - before).toBeLessThanOrEqual(900_000);
    expect(answer.AssumedRoleUser).toEqual({ AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:build-7$/), Arn: 'arn:aws:sts::000000000000:assumed-role/ci-role/build-7' });
    // What the wire layer checks a session-signed request against.
    expect(roleSessions(api.account).find(answer.Credentials.AccessKeyId)).toMatchObject({
      secretAccessKey: answer.Credentials.SecretAccessKey, sessionToken: answer.Credentials.SessionToken,
    });
    const identity = await api.call('sts', 'GetCallerIdentity', {}, { accessKeyId: answer.Credentials.AccessKeyId });
    expect(identity).toEqual({ UserId: answer.AssumedRoleUser.AssumedRoleId, Account: '000000000000', Arn: answer.AssumedRoleUser.Arn });
  });

  it('lasts an hour by default, and the same role keeps its unique id across sessions', async () => {
    const first = (await api.call('sts', 'AssumeRole', { RoleArn: ROLE, RoleSessionName: 'one' })) as { Credentials: { Expiration: Date }; AssumedRoleUser: { AssumedRoleId: string } };
    const second = (await api.call('sts', 'AssumeRole', { RoleArn: ROLE, RoleSessionName: 'two' })) as { AssumedRoleUser: { AssumedRoleId: string } };
    expect(first.Credentials.Expiration.getTime() - Date.now()).toBeGreaterThan(3590_000);
    expect(first.AssumedRoleUser.AssumedRoleId.split(':')[0]).toBe(second.AssumedRoleUser.AssumedRoleId.split(':')[0]);
  });

  it("refuses a bad session name, a bad duration, what is not a role ARN, and another account's role", async () => {
    await expect(api.call('sts', 'AssumeRole', { RoleArn: ROLE, RoleSessionName: 'a' })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining("'roleSessionName'") });
    await expect(api.call('sts', 'AssumeRole', { RoleArn: ROLE, RoleSessionName: 'ok-name', DurationSeconds: 60 })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining('greater than or equal to 900') });
    await expect(api.call('sts', 'AssumeRole', { RoleArn: 'arn:aws:s3:::bucket', RoleSessionName: 'ok-name' })).rejects.toMatchObject({ code: 'ValidationError' });
    await expect(api.call('sts', 'AssumeRole', { RoleSessionName: 'ok-name' })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining("Value null at 'roleArn'") });
    await expect(api.call('sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/x', RoleSessionName: 'ok-name' })).rejects.toMatchObject({ code: 'AccessDenied' });
  });
});
