// Reading a pushed manifest: which kind it is, what it points at, and whether it is well formed.
// Pure: no storage, so every rule here can be tested on bytes alone.
import { createHash } from 'node:crypto';
import { DistributionError } from './errors.js';
import { nestingExceeds } from './json-depth.js';
import { isDigest } from './names.js';

/** The manifest media types this registry stores (the OCI image spec and Docker's schema 2). */
export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

const INDEX_TYPES: string[] = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList];
const IMAGE_TYPES: string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest];
const DOCKER_SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)$/;

/** ECR refuses manifests over 4 MiB (the distribution spec lets a registry choose, ≥ 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/**
 * The deepest nesting of objects and arrays a manifest may have. The OCI image spec and Docker's
 * schema 2 need 5 levels (index → manifests → descriptor → platform → os.features); clients give
 * up far deeper (Go's encoding/json, in docker, containerd and skopeo, at 10,000), so a manifest
 * stored deeper than that could never be pulled again. This registry keeps well below both.
 */
export const MAX_MANIFEST_DEPTH = 100;

/** A content descriptor as manifests write them. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  urls?: string[];
}

/** What the registry needs to know about a manifest to store and serve it. */
export interface ParsedManifest {
  digest: string;
  mediaType: string;
  kind: 'image' | 'index';
  /** Config and layers that must be present in the repository (foreign layers left out). */
  blobs: Descriptor[];
  /** For an index: the manifests it lists, which must be present in the repository. */
  manifests: Descriptor[];
  subject?: string;
  artifactType?: string;
  annotations?: Record<string, string>;
  /** Bytes of the layers, which ECR reports as imageSizeInBytes (children's sizes added for an index). */
  layerBytes: number;
}

/** The digest of manifest bytes, as Docker-Content-Digest states it. */
export function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

function invalid(message: string): DistributionError {
  return new DistributionError(400, 'MANIFEST_INVALID', message);
}

/**
 * A manifest over MAX_MANIFEST_BYTES: MANIFEST_INVALID, as the reference registry answers, with
 * the distribution spec's 413 Payload Too Large.
 */
export function manifestTooLarge(size: number): DistributionError {
  return new DistributionError(413, 'MANIFEST_INVALID', `manifest is ${size} bytes or more; the limit is ${MAX_MANIFEST_BYTES}`);
}

/** Parses and checks manifest bytes sent with `contentType`; throws MANIFEST_INVALID when wrong. */
export function parseManifest(bytes: Buffer, contentType: string | undefined): ParsedManifest {
  if (bytes.length > MAX_MANIFEST_BYTES) throw manifestTooLarge(bytes.length);
  if (nestingExceeds(bytes, MAX_MANIFEST_DEPTH)) throw invalid(`manifest nests objects and arrays more than ${MAX_MANIFEST_DEPTH} levels deep`);
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw invalid(`manifest is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(document)) throw invalid('manifest must be a JSON object');
  const mediaType = resolveMediaType(document, contentType);
  if (document.schemaVersion !== 2) throw invalid(`schemaVersion must be 2, got ${JSON.stringify(document.schemaVersion)}`);
  const common = {
    digest: digestOf(bytes),
    mediaType,
    subject: document.subject === undefined ? undefined : descriptor(document.subject, 'subject').digest,
    annotations: stringMap(document.annotations, 'annotations'),
  };
  if (INDEX_TYPES.includes(mediaType)) {
    if (!Array.isArray(document.manifests)) throw invalid('an index must have a "manifests" array');
    const manifests = document.manifests.map((item, i) => descriptor(item, `manifests[${i}]`));
    return { ...common, kind: 'index', blobs: [], manifests, artifactType: optionalString(document.artifactType, 'artifactType'), layerBytes: 0 };
  }
  const config = descriptor(document.config, 'config');
  if (!Array.isArray(document.layers)) throw invalid('an image manifest must have a "layers" array');
  const layers = document.layers.map((item, i) => descriptor(item, `layers[${i}]`));
  // OCI image spec: artifactType, else the config's media type, names what an artifact is.
  const artifactType = optionalString(document.artifactType, 'artifactType') ?? config.mediaType;
  return {
    ...common,
    kind: 'image',
    blobs: [config, ...layers.filter((layer) => !isForeign(layer))],
    manifests: [],
    artifactType,
    layerBytes: layers.reduce((sum, layer) => sum + layer.size, 0),
  };
}

/** The manifest's media type: Content-Type, checked against the document's own `mediaType`. */
function resolveMediaType(document: Record<string, unknown>, contentType: string | undefined): string {
  const declared = optionalString(document.mediaType, 'mediaType');
  const sent = contentType?.split(';')[0]?.trim();
  const mediaType = sent && sent !== 'application/json' && sent !== 'application/octet-stream' ? sent : declared;
  if (mediaType && DOCKER_SCHEMA1.test(mediaType)) {
    throw invalid('Docker image manifest schema 1 is not supported; push with a client that writes schema 2 or OCI');
  }
  if (!mediaType || (!INDEX_TYPES.includes(mediaType) && !IMAGE_TYPES.includes(mediaType))) {
    const expected = [...IMAGE_TYPES, ...INDEX_TYPES].join(', ');
    throw invalid(`unsupported manifest media type ${JSON.stringify(mediaType ?? null)}; expected one of ${expected}`);
  }
  // OCI image spec: when the document carries mediaType, it must match what it was sent as.
  if (declared !== undefined && declared !== mediaType) {
    throw invalid(`manifest says mediaType ${declared} but was sent as ${mediaType}`);
  }
  return mediaType;
}

/** Foreign (non-distributable) layers live elsewhere (their `urls`): the registry never holds them. */
function isForeign(layer: Descriptor): boolean {
  return layer.mediaType.includes('foreign') || layer.mediaType.includes('nondistributable');
}

function descriptor(value: unknown, path: string): Descriptor {
  if (!isObject(value)) throw invalid(`${path} must be a descriptor object`);
  const mediaType = value.mediaType;
  if (typeof mediaType !== 'string' || mediaType.length === 0) throw invalid(`${path}.mediaType must be a string`);
  if (typeof value.digest !== 'string' || !isDigest(value.digest)) {
    throw invalid(`${path}.digest must be a sha256 or sha512 digest, got ${JSON.stringify(value.digest)}`);
  }
  if (typeof value.size !== 'number' || !Number.isSafeInteger(value.size) || value.size < 0) {
    throw invalid(`${path}.size must be a non-negative integer, got ${JSON.stringify(value.size)}`);
  }
  return {
    mediaType,
    digest: value.digest,
    size: value.size,
    artifactType: optionalString(value.artifactType, `${path}.artifactType`),
    annotations: stringMap(value.annotations, `${path}.annotations`),
    urls: Array.isArray(value.urls) ? (value.urls as string[]) : undefined,
  };
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${path} must be a string`);
  return value;
}

function stringMap(value: unknown, path: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw invalid(`${path} must map strings to strings`);
  }
  return value as Record<string, string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
