// skopeo, a second real client: copies in both directions, inspect, and a multi-architecture
// index pushed with `skopeo copy --all`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OciLayout } from './oci-layout.js';
import { sha256, startRegistry, type RegistryFixture } from './registry-fixture.js';

let fx: RegistryFixture;
let work: string;

/** Runs skopeo (asynchronously: the registry answers from this same process). */
function skopeo(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('skopeo', args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

const creds = () => ['--creds', `AWS:${fx.password}`, '--tls-verify=false'];
const destCreds = () => ['--dest-creds', `AWS:${fx.password}`, '--dest-tls-verify=false'];
const srcCreds = () => ['--src-creds', `AWS:${fx.password}`, '--src-tls-verify=false'];

beforeAll(async () => {
  fx = await startRegistry();
  fx.registry.createRepository({ repositoryName: 'multi' });
  fx.registry.createRepository({ repositoryName: 'single' });
  work = mkdtempSync(join(tmpdir(), 'slipway-skopeo-'));
});
afterAll(async () => {
  await fx.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('skopeo', () => {
  it('copies an image in and out again unchanged, and inspects it', async () => {
    const layout = new OciLayout(join(work, 'single'));
    const image = layout.image('amd64', 'hello from skopeo');
    layout.tag(image, 'v1');
    const push = await skopeo(['copy', ...destCreds(), `oci:${layout.dir}:v1`, `docker://${fx.host}/single:v1`]);
    expect(push.status, push.stderr).toBe(0);
    const inspect = await skopeo(['inspect', ...creds(), `docker://${fx.host}/single:v1`]);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ Digest: image.digest, Architecture: 'amd64', Os: 'linux' });
    const pull = await skopeo(['copy', ...srcCreds(), `docker://${fx.host}/single:v1`, `oci:${join(work, 'pulled')}:v1`]);
    expect(pull.status, pull.stderr).toBe(0);
    const pulledIndex = JSON.parse(readFileSync(join(work, 'pulled', 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    expect(pulledIndex.manifests[0]!.digest).toBe(image.digest);
  });

  it('pushes a multi-architecture index with --all, and serves each platform', async () => {
    const layout = new OciLayout(join(work, 'multi'));
    const amd64 = layout.image('amd64', 'built for amd64');
    const arm64 = layout.image('arm64', 'built for arm64');
    const index = layout.index([amd64, arm64]);
    layout.tag(index, 'v1');
    const push = await skopeo(['copy', '--all', ...destCreds(), `oci:${layout.dir}:v1`, `docker://${fx.host}/multi:v1`]);
    expect(push.status, push.stderr).toBe(0);

    const raw = await skopeo(['inspect', '--raw', ...creds(), `docker://${fx.host}/multi:v1`]);
    expect(sha256(raw.stdout)).toBe(index.digest);
    expect((JSON.parse(raw.stdout) as { manifests: { platform: { architecture: string } }[] }).manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64']);
    const arm = await skopeo(['inspect', '--override-arch', 'arm64', ...creds(), `docker://${fx.host}/multi:v1`]);
    expect(JSON.parse(arm.stdout)).toMatchObject({ Architecture: 'arm64', Digest: index.digest });

    const details = fx.registry.describeImages({ repositoryName: 'multi' }).imageDetails;
    expect(details.map((d) => [d.imageDigest, d.imageTags ?? [], d.imageManifestMediaType]).sort()).toEqual(
      [
        [index.digest, ['v1'], 'application/vnd.oci.image.index.v1+json'],
        [amd64.digest, [], 'application/vnd.oci.image.manifest.v1+json'],
        [arm64.digest, [], 'application/vnd.oci.image.manifest.v1+json'],
      ].sort(),
    );
    const refused = fx.registry.batchDeleteImage({ repositoryName: 'multi', imageIds: [{ imageDigest: arm64.digest }] });
    expect(refused.failures.map((f) => f.failureCode)).toEqual(['ImageReferencedByManifestList']);
  });

  it('reports a missing repository with ECR\'s message', async () => {
    const layout = new OciLayout(join(work, 'ghost'));
    layout.tag(layout.image('amd64', 'nowhere to go'), 'v1');
    const push = await skopeo(['copy', ...destCreds(), `oci:${layout.dir}:v1`, `docker://${fx.host}/ghost:v1`]);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain("The repository with name 'ghost' does not exist in the registry with id '000000000000'");
  });
});
