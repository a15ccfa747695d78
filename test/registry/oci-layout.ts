// Writes OCI image layouts (the format `skopeo copy oci:DIR:REF` reads) from bytes made here,
// including a multi-architecture index: no base image needs to be pulled.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sha256 } from './registry-fixture.js';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string };
}

/** An OCI layout folder being written. */
export class OciLayout {
  private readonly refs: { descriptor: Descriptor; ref: string }[] = [];

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  }

  /** Stores bytes as a blob and returns its descriptor. */
  blob(mediaType: string, bytes: Buffer): Descriptor {
    const digest = sha256(bytes);
    writeFileSync(join(this.dir, 'blobs', 'sha256', digest.slice(7)), bytes);
    return { mediaType, digest, size: bytes.length };
  }

  /** Stores a one-layer image for an architecture: a gzipped tar holding one file with `content`. */
  image(architecture: string, content: string): Descriptor {
    // Compressed already, so skopeo copies the layer (and so the manifest) byte for byte.
    const tar = tarOf(`${architecture}.txt`, content);
    const layer = this.blob('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(tar));
    const config = this.blob(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(tar)] }, config: {} })),
    );
    const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers: [layer] };
    return { ...this.blob(manifest.mediaType, Buffer.from(JSON.stringify(manifest))), platform: { os: 'linux', architecture } };
  }

  /** Stores an index of `manifests` and returns its descriptor. */
  index(manifests: Descriptor[]): Descriptor {
    const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests };
    return this.blob(index.mediaType, Buffer.from(JSON.stringify(index)));
  }

  /** Names a manifest or index `ref` in the layout's index.json (what `oci:DIR:ref` reads). */
  tag(descriptor: Descriptor, ref: string): void {
    this.refs.push({ descriptor, ref });
    const manifests = this.refs.map(({ descriptor: d, ref: r }) => ({ mediaType: d.mediaType, digest: d.digest, size: d.size, annotations: { 'org.opencontainers.image.ref.name': r } }));
    writeFileSync(join(this.dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
  }
}

/** A tar archive with one file, made by the system tar. */
function tarOf(name: string, content: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-tar-'));
  try {
    writeFileSync(join(dir, name), content);
    execFileSync('tar', ['--mtime=@0', '--owner=0', '--group=0', '-cf', join(dir, 'layer.tar'), '-C', dir, name]);
    return readFileSync(join(dir, 'layer.tar'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
