import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../errors.js';
import { FileParameterSource } from './file-store.js';

describe('the file-backed parameter store', () => {
  const store = FileParameterSource.fromText(
    'parameters:\n  /plain: one\n  /secure: { value: two, type: SecureString }\nsecrets:\n  app/db: s3cret\n  app/multi:\n    versions:\n      - { versionId: v1, stages: [AWSPREVIOUS], secretString: old }\n      - { versionId: v2, stages: [AWSCURRENT], secretString: new }\n',
  );

  it('reads plain and SecureString parameters; an unknown name is undefined', async () => {
    expect(await store.getParameter('/plain')).toBe('one');
    expect(await store.getParameter('/secure')).toBe('two');
    expect(await store.getParameter('/missing')).toBeUndefined();
  });

  it('reads secrets by name or ARN, by stage (default AWSCURRENT) or version id', async () => {
    expect(await store.getSecretString({ secretId: 'app/db' })).toBe('s3cret');
    expect(await store.getSecretString({ secretId: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf' })).toBe('s3cret');
    expect(await store.getSecretString({ secretId: 'app/db', versionStage: 'AWSPREVIOUS' })).toBeUndefined();
    expect(await store.getSecretString({ secretId: 'app/multi' })).toBe('new');
    expect(await store.getSecretString({ secretId: 'app/multi', versionStage: 'AWSPREVIOUS' })).toBe('old');
    expect(await store.getSecretString({ secretId: 'app/multi', versionId: 'v1' })).toBe('old');
  });

  it('rejects a malformed file with every problem and its path', () => {
    try {
      FileParameterSource.fromText('parameters:\n  /x: [1, 2]\nsecrets:\n  s: { versions: [] }\n', 'params.yml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).problems.map((p) => p.path)).toEqual(['parameters./x', 'secrets.s.versions']);
    }
  });
});
