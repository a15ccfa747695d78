// A registry for one test file: a temporary data folder, openRegistry, listening on 127.0.0.1.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, type LocalRegistry, type RegistryOptions } from '../../src/local/registry/index.js';

export interface RegistryFixture {
  registry: LocalRegistry;
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** `127.0.0.1:PORT` */
  host: string;
  password: string;
  /** `Basic base64(AWS:<password>)` */
  authorization: string;
  /** The folder that holds the data folder and nothing else, to prove nothing lands beside it. */
  parentDir: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts a registry in this process on a free port. */
export async function startRegistry(options: Omit<RegistryOptions, 'dataDir'> = {}): Promise<RegistryFixture> {
  const parentDir = mkdtempSync(join(tmpdir(), 'slipway-registry-'));
  const dataDir = join(parentDir, 'data');
  const registry = openRegistry({ dataDir, maintenanceIntervalMs: 0, ...options });
  const address = await registry.listen();
  const token = registry.getAuthorizationToken().authorizationData[0]!;
  return {
    registry,
    endpoint: address.endpoint,
    host: address.registryHost,
    password: Buffer.from(token.authorizationToken, 'base64').toString().slice('AWS:'.length),
    authorization: `Basic ${token.authorizationToken}`,
    parentDir,
    dataDir,
    async stop() {
      await registry.close();
      rmSync(parentDir, { recursive: true, force: true });
    },
  };
}

/** The sha256 digest of bytes. */
export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A minimal OCI image: a config and one layer, with the manifest that names them. */
export function tinyImage(seed: string) {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, seed }));
  const layer = Buffer.from(`layer of ${seed}`);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(layer), size: layer.length }],
    }),
  );
  return { config, layer, manifest, digest: sha256(manifest) };
}
