// The AWS::ECR::Repository provider against the real local registry (through the adapter), with
// an image pushed by skopeo over HTTP on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type LocalRegistry } from '../../src/local/registry/index.js';
import { LocalAccount } from '../../src/local/account/index.js';
import type { StackEngine } from '../../src/local/stack/index.js';
import { OciLayout } from '../registry/oci-layout.js';

let home: string;
let registry: LocalRegistry;
let host: string;
let account: LocalAccount;
let engine: StackEngine;

function skopeo(args: string[]): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('skopeo', args);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, stderr }));
  });
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'slipway-stack-ecr-'));
  registry = openRegistry({ dataDir: join(home, 'registry'), requireAuth: false, maintenanceIntervalMs: 0 });
  host = (await registry.listen({ port: 0 })).registryHost;
  // The account reaches the registry through its control plane, while the test's registry serves /v2/ on the same folder.
  account = new LocalAccount({ home });
  account.changeSettings({ registryEndpoint: host });
  engine = account.stacks;
});

afterAll(async () => {
  account.close();
  await registry.close();
  rmSync(home, { recursive: true, force: true });
});

/** Pushes a one-layer image as `<uri>:v1` with skopeo. */
async function push(uri: string): Promise<void> {
  const layout = new OciLayout(mkdtempSync(join(tmpdir(), 'slipway-stack-oci-')));
  layout.tag(layout.image('amd64', 'pushed by the stack test'), 'v1');
  const result = await skopeo(['copy', '--dest-tls-verify=false', `oci:${layout.dir}:v1`, `docker://${uri}:v1`]);
  rmSync(layout.dir, { recursive: true, force: true });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

const template = (mutability: string, emptyOnDelete: boolean) => `Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: stack/app
      ImageTagMutability: ${mutability}
      EmptyOnDelete: ${emptyOnDelete}
      LifecyclePolicy:
        LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}'
Outputs:
  Uri: { Value: !GetAtt Repo.RepositoryUri }
`;

describe('AWS::ECR::Repository on the local registry', () => {
  it('creates a repository that can be pushed to at its RepositoryUri, updates it, and refuses to delete it while it holds images', async () => {
    const created = await engine.create({ stackName: 'images', templateBody: template('MUTABLE', false) });
    expect(created.outputs[0]?.OutputValue).toBe(`${host}/stack/app`);
    expect(registry.describeRepositories({ repositoryNames: ['stack/app'] }).repositories[0]?.imageTagMutability).toBe('MUTABLE');
    expect(registry.getLifecyclePolicy({ repositoryName: 'stack/app' }).lifecyclePolicyText).toContain('untagged');

    await push(created.outputs[0]!.OutputValue);

    expect((await engine.update({ stackName: 'images', templateBody: template('IMMUTABLE', false) })).status).toBe('UPDATE_COMPLETE');
    expect(registry.describeRepositories({ repositoryNames: ['stack/app'] }).repositories[0]?.imageTagMutability).toBe('IMMUTABLE');

    const refused = await engine.delete('images');
    expect(refused?.status).toBe('DELETE_FAILED');
    expect(engine.describe('images').Resources[0]?.ResourceStatusReason).toMatch(/still contains images|cannot be deleted/);

    // Emptied, the repository can be deleted: a DELETE_FAILED stack is deleted again, as in AWS.
    registry.batchDeleteImage({ repositoryName: 'stack/app', imageIds: [{ imageTag: 'v1' }] });
    expect((await engine.delete('images'))?.status).toBe('DELETE_COMPLETE');
    expect(registry.describeRepositories().repositories).toEqual([]);
  });

  it('deletes a repository that holds images when EmptyOnDelete is true', async () => {
    const created = await engine.create({ stackName: 'emptied', templateBody: template('MUTABLE', true) });
    await push(created.outputs[0]!.OutputValue);
    expect(registry.listImages({ repositoryName: 'stack/app' }).imageIds).not.toEqual([]);
    expect((await engine.delete('emptied'))?.status).toBe('DELETE_COMPLETE');
    expect(registry.describeRepositories().repositories).toEqual([]);
  });
});
