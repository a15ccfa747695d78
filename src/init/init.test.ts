import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGitRepo } from '../../test/support/git-repo.js';
import { runSlipway } from '../../test/support/run-cli.js';
import { parseConfig } from '../config/index.js';

describe('slipway init', () => {
  it('infers owner, repository, branch, Dockerfile and port from the repository', async () => {
    const repo = makeGitRepo({ 'api/Dockerfile': 'FROM scratch\nEXPOSE 3000\n' }, 'trunk');
    repo.git('remote', 'add', 'origin', 'https://github.com/acme/Shop-API.git');

    const run = await runSlipway(['init', '--json'], { cwd: repo.dir });

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.written).toEqual(['slipway.yml', 'buildspec.yml']);
    const config = parseConfig(readFileSync(join(repo.dir, 'slipway.yml'), 'utf8'), 'slipway.yml');
    expect(config).toMatchObject({
      name: 'shop-api',
      source: { provider: 'connection', owner: 'acme', repository: 'Shop-API', branch: 'trunk' },
      image: { repository: 'shop-api', containerName: 'shop-api', port: 3000 },
      build: { dockerfile: 'api/Dockerfile', context: 'api' },
    });
    expect(readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8')).toContain('docker build -t "$IMAGE_URI" -t "$REPOSITORY_URI:latest" -f api/Dockerfile api');
  });

  it('keeps slipway\'s state folder out of Git and out of the image, once', async () => {
    const repo = makeGitRepo({ Dockerfile: 'FROM scratch\n', '.gitignore': 'node_modules' });
    repo.git('remote', 'add', 'origin', 'https://github.com/acme/app.git');
    const run = await runSlipway(['init', '--json'], { cwd: repo.dir });
    expect(JSON.parse(run.stdout).ignoring).toEqual(['.gitignore', '.dockerignore']);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('node_modules\n.slipway/\n');
    expect(readFileSync(join(repo.dir, '.dockerignore'), 'utf8')).toBe('.slipway/\n');

    const again = await runSlipway(['init', '--force', '--json'], { cwd: repo.dir });
    expect(JSON.parse(again.stdout).ignoring).toEqual([]);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('node_modules\n.slipway/\n');
  });

  it('chooses a CodeCommit source for a CodeCommit remote', async () => {
    const repo = makeGitRepo({ Dockerfile: 'FROM scratch\n' });
    repo.git('remote', 'add', 'origin', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/orders');
    expect((await runSlipway(['init'], { cwd: repo.dir })).code).toBe(0);
    const config = parseConfig(readFileSync(join(repo.dir, 'slipway.yml'), 'utf8'), 'slipway.yml');
    expect(config.source).toMatchObject({ provider: 'codecommit', repository: 'orders' });
    expect(config.source.owner).toBeUndefined();
  });

  it('keeps an existing buildspec and never overwrites slipway.yml without --force', async () => {
    const repo = makeGitRepo({ Dockerfile: 'FROM scratch\n', 'buildspec.yml': 'version: 0.2\n' });
    const first = await runSlipway(['init', '--owner', 'acme'], { cwd: repo.dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('wrote slipway.yml\n');
    expect(first.stderr).toContain('kept buildspec.yml');
    expect(readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8')).toBe('version: 0.2\n');

    writeFileSync(join(repo.dir, 'slipway.yml'), '# mine\n');
    const second = await runSlipway(['init', '--owner', 'acme'], { cwd: repo.dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('slipway.yml already exists');
    expect(second.stderr).toContain('--force');
    expect(readFileSync(join(repo.dir, 'slipway.yml'), 'utf8')).toBe('# mine\n');

    const forced = await runSlipway(['init', '--owner', 'acme', '--force'], { cwd: repo.dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8')).toContain('get-login-password');
  });

  it('asks for --owner when no remote names one, and writes nothing', async () => {
    const repo = makeGitRepo({ Dockerfile: 'FROM scratch\n' });
    const run = await runSlipway(['init'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot tell who owns the repository/);
    expect(run.stderr).toMatch(/hint: pass --owner OWNER/);
    expect(existsSync(join(repo.dir, 'slipway.yml'))).toBe(false);
  });

  it('leaves `latest` out of the generated buildspec for an immutable repository', async () => {
    const { renderBuildspec } = await import('./buildspec.js');
    const config = parseConfig('name: w\nsource: {owner: a, repository: w}\nimage: {tagMutability: IMMUTABLE}\n', 'slipway.yml');
    expect(renderBuildspec(config)).not.toContain(':latest');
    const excluded = parseConfig('name: w\nsource: {owner: a, repository: w}\nimage: {tagMutability: IMMUTABLE_WITH_EXCLUSION, tagMutabilityExclusions: [lat*]}\n', 'slipway.yml');
    expect(renderBuildspec(excluded)).toContain('docker push "$REPOSITORY_URI:latest"');
  });
});
