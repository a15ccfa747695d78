import { describe, expect, it } from 'vitest';
import { thrownError } from '../../../test/support/thrown.js';
import { DistributionError } from './errors.js';
import { MAX_MANIFEST_BYTES, MAX_MANIFEST_DEPTH, MEDIA_TYPES, parseManifest } from './manifest.js';

const D = (c: string) => `sha256:${c.repeat(64)}`;
const image = {
  schemaVersion: 2,
  mediaType: MEDIA_TYPES.ociManifest,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: D('a'), size: 10 },
  layers: [
    { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: D('b'), size: 100 },
    { mediaType: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip', digest: D('c'), size: 50, urls: ['https://example.com/x'] },
  ],
};

function parse(document: unknown, contentType?: string) {
  return parseManifest(Buffer.from(JSON.stringify(document)), contentType);
}

function failure(action: () => unknown): DistributionError {
  return thrownError(DistributionError, action);
}

describe('manifest parsing', () => {
  it('reads an OCI image manifest: config and layers must be present, foreign layers need not', () => {
    const parsed = parse(image, MEDIA_TYPES.ociManifest);
    expect(parsed.kind).toBe('image');
    expect(parsed.blobs.map((b) => b.digest)).toEqual([D('a'), D('b')]);
    expect(parsed.layerBytes).toBe(150);
    expect(parsed.artifactType).toBe('application/vnd.oci.image.config.v1+json');
  });

  it('reads a Docker manifest list as an index of child manifests', () => {
    const list = { schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifestList, manifests: [{ mediaType: MEDIA_TYPES.dockerManifest, digest: D('d'), size: 5, platform: { os: 'linux', architecture: 'arm64' } }] };
    const parsed = parse(list, MEDIA_TYPES.dockerManifestList);
    expect(parsed.kind).toBe('index');
    expect(parsed.manifests.map((m) => m.digest)).toEqual([D('d')]);
  });

  it('takes the media type from the document when the client sends no useful Content-Type', () => {
    expect(parse(image, 'application/json').mediaType).toBe(MEDIA_TYPES.ociManifest);
  });

  it('refuses a manifest whose mediaType disagrees with its Content-Type', () => {
    expect(failure(() => parse(image, MEDIA_TYPES.dockerManifest)).message).toContain('but was sent as');
  });

  it('refuses malformed, schema 1 and unknown manifests with MANIFEST_INVALID', () => {
    expect(failure(() => parseManifest(Buffer.from('{"schemaVersion":'), MEDIA_TYPES.ociManifest)).code).toBe('MANIFEST_INVALID');
    expect(failure(() => parse({ schemaVersion: 1 }, 'application/vnd.docker.distribution.manifest.v1+prettyjws')).message).toContain('schema 1 is not supported');
    expect(failure(() => parse({ ...image, layers: [{ mediaType: 'x', digest: 'sha256:../../etc', size: 1 }] })).message).toContain('layers[0].digest');
    expect(failure(() => parse({ ...image, layers: [{ mediaType: 'x', digest: D('e'), size: -1 }] })).message).toContain('layers[0].size');
    expect(failure(() => parse({ schemaVersion: 2 }, 'text/plain')).message).toContain('unsupported manifest media type');
  });

  // The reference registry answers MANIFEST_INVALID for both; the distribution spec asks 413 for the size.
  it('refuses a manifest over 4 MiB with 413 MANIFEST_INVALID', () => {
    const error = failure(() => parseManifest(Buffer.alloc(MAX_MANIFEST_BYTES + 1, 32), MEDIA_TYPES.ociManifest));
    expect([error.status, error.code]).toEqual([413, 'MANIFEST_INVALID']);
  });

  it('refuses nesting deeper than MAX_MANIFEST_DEPTH before parsing, and counts brackets inside strings as text', () => {
    const nested = (depth: number) => Buffer.from(`{"schemaVersion":2,"mediaType":"${MEDIA_TYPES.ociManifest}","x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`);
    const deep = failure(() => parseManifest(nested(MAX_MANIFEST_DEPTH + 1), MEDIA_TYPES.ociManifest));
    expect([deep.status, deep.code, deep.message]).toEqual([400, 'MANIFEST_INVALID', `manifest nests objects and arrays more than ${MAX_MANIFEST_DEPTH} levels deep`]);
    expect(failure(() => parseManifest(nested(100_000), MEDIA_TYPES.ociManifest)).message).toContain('levels deep');
    // At the limit the depth rule passes, and the manifest is refused for what it lacks instead.
    expect(failure(() => parseManifest(nested(MAX_MANIFEST_DEPTH), MEDIA_TYPES.ociManifest)).message).not.toContain('levels deep');
    // An escaped backslash, then an escaped quote: the string goes on, and so do its brackets.
    const bracketsInText = { ...image, annotations: { note: `\\"${'['.repeat(500)}${'{'.repeat(500)}` } };
    expect(parse(bracketsInText).digest).toMatch(/^sha256:/);
  });
});
