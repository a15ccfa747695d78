import { describe, expect, it } from 'vitest';
import { FileParameterSource } from '../parameters/file-store.js';
import { parseBuildspec } from './buildspec-parser.js';
import { SlipwayError } from '../../errors.js';
import { buildEnvironment, builtinVariables, checkReservedNames, resolveEnvironment } from './environment.js';
import { Masker } from './masker.js';

describe('built-in ARNs', () => {
  const facts = { accountId: '111122223333', projectName: 'app', uuid: 'u-1', buildNumber: 1, image: 'i', initiator: 'me', sourceDir: '/src', secondarySources: {}, startTime: 0 };

  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('in %s they are in the %s partition', (region, partition) => {
    const vars = builtinVariables({ ...facts, region });
    expect(vars.CODEBUILD_BUILD_ARN).toBe(`arn:${partition}:codebuild:${region}:111122223333:build/app:u-1`);
    expect(vars.CODEBUILD_PROJECT_ARN).toBe(`arn:${partition}:codebuild:${region}:111122223333:project/app`);
    expect(vars.CODEBUILD_KMS_KEY_ID).toBe(`arn:${partition}:kms:${region}:111122223333:alias/aws/s3`);
  });
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

describe('reserved CODEBUILD_ names', () => {
  it('the CODEBUILD_ built-ins win over any resolved variable; AWS_REGION may be overridden', () => {
    const env = buildEnvironment(
      { PATH: '/bin', CODEBUILD_SRC_DIR: '/from/the/host' },
      { AWS_REGION: 'us-east-1', CODEBUILD_BUILD_NUMBER: '7', CODEBUILD_SRC_DIR: '/src' },
      { AWS_REGION: 'eu-west-1', CODEBUILD_BUILD_NUMBER: '999', APP: 'x' },
    );
    expect(env).toEqual({ PATH: '/bin', AWS_REGION: 'eu-west-1', CODEBUILD_BUILD_NUMBER: '7', CODEBUILD_SRC_DIR: '/src', APP: 'x' });
  });

  it('rejects project variables and overrides with the prefix, naming the layer and the entry', () => {
    const check = () =>
      checkReservedNames([
        { where: 'project.environmentVariables', variables: [{ name: 'OK', value: '1' }, { name: 'CODEBUILD_BUILD_NUMBER', value: '9' }] },
        { where: 'environmentOverrides', variables: [{ name: 'CODEBUILD_X', value: '/p', type: 'PARAMETER_STORE' }] },
      ]);
    expect(check).toThrow(SlipwayError);
    expect(check).toThrow('got CODEBUILD_BUILD_NUMBER (in project.environmentVariables), CODEBUILD_X (in environmentOverrides)');
    try {
      check();
    } catch (error) {
      expect((error as SlipwayError).code).toBe('ReservedVariableName');
      expect((error as SlipwayError).exitCode).toBe(2);
      expect((error as SlipwayError).problems.map((p) => p.path)).toEqual(['project.environmentVariables[1].name', 'environmentOverrides[0].name']);
    }
  });
});
