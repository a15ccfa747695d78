import { describe, expect, it } from 'vitest';
import { FileParameterSource } from '../parameters/file-store.js';
import { parseBuildspec } from './buildspec-parser.js';
import { parseSecretReference, resolveEnvironment } from './environment.js';
import { Masker } from './masker.js';

describe('secrets-manager references', () => {
  it.each([
    ['prod/app', { secretId: 'prod/app' }],
    ['prod/app:password', { secretId: 'prod/app', jsonKey: 'password' }],
    ['prod/app::AWSPREVIOUS', { secretId: 'prod/app', versionStage: 'AWSPREVIOUS' }],
    ['prod/app:::v2', { secretId: 'prod/app', versionId: 'v2' }],
    ['arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:user', { secretId: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf', jsonKey: 'user' }],
  ])('%s', (text, expected) => expect(parseSecretReference(text)).toEqual(expected));
});

describe('resolving variables from the local store', () => {
  const store = FileParameterSource.fromText(
    JSON.stringify({
      parameters: { '/p': 'param-value' },
      secrets: {
        db: { versions: [{ versionId: 'v1', stages: ['AWSPREVIOUS'], secretString: 'old' }, { versionId: 'v2', stages: ['AWSCURRENT'], secretString: '{"k":"new"}' }] },
      },
    }),
  );

  it('resolves stages, versions, JSON keys and secret ARNs, and lists the values to mask', async () => {
    const spec = parseBuildspec('version: 0.2\nenv:\n  secrets-manager:\n    CUR: db:k\n    PREV: db::AWSPREVIOUS\n    BYID: "db:::v1"\n    ARN: "arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf:k"\n');
    const resolved = await resolveEnvironment(spec, [{ name: 'P', value: '/p', type: 'PARAMETER_STORE' }], [], store);
    expect(resolved).toEqual({ ok: true, variables: { CUR: 'new', PREV: 'old', BYID: 'old', ARN: 'new', P: 'param-value' }, secrets: ['new', 'old', 'old', 'new', 'param-value'] });
  });

  it('names the missing entry', async () => {
    const spec = parseBuildspec('version: 0.2\nenv:\n  secrets-manager:\n    X: nope:k\n');
    expect(await resolveEnvironment(spec, [], [], store)).toMatchObject({ ok: false, message: expect.stringContaining('nope') });
  });
});

describe('masking', () => {
  it('hides every occurrence, longest secrets first, inside events too', () => {
    const masker = new Masker();
    masker.add('abc');
    masker.add('abcdef');
    masker.add('');
    expect(masker.mask('x abcdef y abc')).toBe('x *** y ***');
    expect(masker.maskValue({ type: 't', list: ['abc'] })).toEqual({ type: 't', list: ['***'] });
  });
});
