// Issue 16, class 3: secrets stay masked wherever a value can reach: log lines (a multi-line
// secret line by line, and across the cut of a long line), events, the Build result and --json,
// artifact and cache names on disk, and error messages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSlipway } from '../support/run-cli.js';
import { cleanUp, runCase, tempDir, writeFiles, type CaseResult, type RunnerName } from '../codebuild/build-harness.js';

afterAll(cleanUp);

const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
  '-----END PRIVATE KEY-----',
].join('\n');
const TOKEN = 'tok-7f3a9c1e5b';

const parameters = JSON.stringify({ secrets: { 'ci/key': `${PEM}\n`, 'ci/token': TOKEN } });
const env = 'env:\n  secrets-manager:\n    KEY: ci/key\n    TOKEN: ci/token\n  exported-variables: [KEY_COPY, TOKEN_COPY]\n';

/** The secret's pieces that must never appear: the token, and each line of the key's body. */
const pieces = [TOKEN, ...PEM.split('\n').slice(1, -1)];

/** Every string of a build, as a user or a program could see it. */
function everything(r: CaseResult): string {
  return `${r.log}\n${JSON.stringify(r.events)}\n${JSON.stringify(r.build)}`;
}

function expectMasked(text: string): void {
  for (const piece of pieces) expect(text).not.toContain(piece);
}

/** Names and contents of every file under a folder (links not followed). */
function filesUnder(dir: string): string {
  if (!existsSync(dir)) return '';
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .map((entry) => `${join(entry.parentPath, entry.name)}\n${entry.isFile() && !entry.name.endsWith('.db') ? readFileSync(join(entry.parentPath, entry.name), 'utf8') : ''}`)
    .join('\n');
}

describe.each(['host', 'container'] as RunnerName[])('secrets stay masked (%s)', (runner) => {
  it('masks a multi-line secret line by line, in output, exported variables and the result', async () => {
    const r = await runCase(runner, `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - echo "$KEY"\n      - echo "$KEY" | sed -n 3p\n      - echo "  indented $(echo "$KEY" | sed -n 2p) and more"\n      - KEY_COPY="$KEY"; TOKEN_COPY="x-$TOKEN"\n`, { parameters });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expectMasked(everything(r));
    expect(r.output).toContain('***');
    expect(r.output).toContain('  indented *** and more');
    expect(r.build.exportedEnvironmentVariables.find((v) => v.name === 'TOKEN_COPY')?.value).toBe('x-***');
  });

  it('masks a secret in an artifact name: in the log, the result and the zip file name on disk', async () => {
    const r = await runCase(runner, `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - echo a > a.txt\nartifacts:\n  files: [a.txt]\n  name: app-$TOKEN\n  secondary-artifacts:\n    Second:\n      files: [a.txt]\n      name: s-$TOKEN\n`, { parameters });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expectMasked(everything(r));
    expect(r.build.artifacts?.location).toBe(join(r.artifactsDir, 'app-***.zip'));
    expect(existsSync(r.build.artifacts!.location)).toBe(true);
    expectMasked(filesUnder(r.artifactsDir));
  });

  it('never writes a secret in a cache key to a folder name or a file', async () => {
    const r = await runCase(runner, `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - mkdir -p deps && echo d > deps/d\ncache:\n  key: deps-$TOKEN\n  fallback-keys: [deps-$TOKEN-]\n  paths: ['deps/**/*']\n`, { parameters });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expectMasked(everything(r));
    expectMasked(filesUnder(r.stateDir));
    expect(filesUnder(r.stateDir)).not.toContain(encodeURIComponent(TOKEN).replace(/-/g, '%2D'));
    expect(r.log).toMatch(/cache key deps-\*\*\* holds a secret/i);
  });

  it('masks a secret in a refusal message: a link named after a secret (a phase context of the result)', async () => {
    const r = await runCase(runner, `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - busybox ln -s /etc/shadow "leak-$TOKEN"\nartifacts:\n  files: ['leak-*']\n`, { parameters });
    expect(r.build.buildStatus).toBe('FAILED');
    expect(r.build.phases.find((p) => p.phaseType === 'UPLOAD_ARTIFACTS')?.contexts?.[0]?.message).toMatch(/^leak-\*\*\* is a symbolic link to \/etc\/shadow/);
    expectMasked(everything(r));
  });

  it('masks a secret in an error message (a phase context of the result)', async () => {
    const r = await runCase(runner, `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - echo a > a.txt\nartifacts:\n  files: [a.txt]\n  name: $TOKEN-${'n'.repeat(260)}\n`, { parameters });
    expect(r.build.buildStatus).toBe('FAILED');
    expect(JSON.stringify(r.build.phases)).toContain('***');
    expectMasked(everything(r));
  });

  it('masks a secret that a long line has at the place where it is cut (65,536 characters)', async () => {
    const r = await runCase(runner, `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - |\n        head -c 65532 /dev/zero | tr '\\0' x; printf '%s\\n' "$TOKEN"\n`, { parameters });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expectMasked(everything(r));
    expect(r.output.join('')).toBe(`${'x'.repeat(65532)}***`);
  });
});

describe.each(['host', 'container'] as RunnerName[])('a long line whose secret arrives in two writes (%s)', (runner) => {
  it('is not cut inside the secret while its second half is still to come', async () => {
    // 65,526 x, then the first 60 of a 64-character secret line; half a second later, the rest.
    const commands = [
      'LINE=$(echo "$KEY" | sed -n 2p)',
      "head -c 65526 /dev/zero | tr '\\0' x; printf '%.60s' \"$LINE\"; sleep 0.5; echo \"$LINE\" | cut -c61-",
    ];
    const r = await runCase(runner, `version: 0.2\n${env}phases:\n  build:\n    commands:\n${commands.map((c) => `      - ${JSON.stringify(c)}\n`).join('')}`, { parameters });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expectMasked(everything(r));
    expect(r.output.join('')).toBe(`${'x'.repeat(65526)}***`);
  });
});

describe('slipway build --json', () => {
  it('prints no secret in the events, the result or the artifact location', async () => {
    const dir = tempDir('slipway-sec-mask-');
    writeFiles(dir, {
      'buildspec.yml': `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - echo a > a.txt; echo "$KEY"\nartifacts:\n  files: [a.txt]\n  name: app-$TOKEN\n`,
      'params.json': parameters,
    });
    const run = await runSlipway(['build', '--host', '--json', '--parameters', 'params.json', '--artifacts', 'dist'], { cwd: dir });
    expect(run.code).toBe(0);
    expectMasked(run.stdout + run.stderr);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toMatchObject({ artifacts: { location: join(dir, 'dist', 'app-***.zip') } });
    const text = await runSlipway(['build', '--host', '--parameters', 'params.json', '--artifacts', 'dist'], { cwd: dir });
    expectMasked(text.stdout + text.stderr);
  });
});
