// Images in the harness's registry: blobs pushed over its /v2/ API, the manifest stored with
// PutImage, as `docker push` would leave them.
import { expect } from 'vitest';
import type { LocalRegistry } from '../../../../src/local/registry/index.js';
import { send } from '../../../registry/http-client.js';
import { sha256, tinyImage } from '../../../registry/registry-fixture.js';

/** Pushes a tiny image (distinct per seed) to a repository, tagged or not; returns its manifest digest. */
export async function pushImage(registry: LocalRegistry, repositoryName: string, tag: string | undefined, seed: string): Promise<string> {
  const image = tinyImage(seed);
  const address = registry.address ?? (await registry.listen());
  for (const blob of [image.config, image.layer]) {
    const answer = await send(address.endpoint, 'POST', `/v2/${repositoryName}/blobs/uploads/?digest=${sha256(blob)}`, { body: blob });
    expect(answer.status).toBe(201);
  }
  registry.putImage({ repositoryName, imageManifest: image.manifest.toString(), ...(tag ? { imageTag: tag } : {}) });
  return sha256(image.manifest);
}
