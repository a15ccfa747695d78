// A fuzzing pass over the registry's manifest handling (issue 16), bounded in time: generated
// manifests — well-formed ones with fields replaced by arbitrary JSON, deep nesting, keys that
// name Object.prototype, byte-level damage — go to parseManifest, to PUT /v2/.../manifests and to
// ECR's PutImage. Every one is either stored (and served back byte for byte) or refused with the
// registry's own error; none is a crash, a 500 or an error of another kind.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import type { RegistryEvent } from '../../src/local/registry/index.js';
import { DistributionError } from '../../src/local/registry/errors.js';
import { MEDIA_TYPES, parseManifest } from '../../src/local/registry/manifest.js';
import { send } from '../registry/http-client.js';
import { sha256, startRegistry, tinyImage, type RegistryFixture } from '../registry/registry-fixture.js';

/** How long each property may run: a few seconds in the suite. */
const TIME_LIMIT_MS = 3000;
const image = tinyImage('fuzz');
const base = JSON.parse(image.manifest.toString()) as Record<string, unknown>;
const contentTypes = fc.constantFrom(undefined, '', 'text/plain', ...Object.values(MEDIA_TYPES), 'application/vnd.docker.distribution.manifest.v1+prettyjws');
const oddKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'schemaVersion', 'mediaType', 'layers', 'config', 'manifests', 'subject', 'annotations', 'digest', 'size', 'urls');
const oddNumbers = fc.constantFrom(2, 1, 0, -1, 1e20, Number.MAX_SAFE_INTEGER + 2, 2.5, 1e308);

/** JSON nested `depth` levels of arrays or objects. */
const nested = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean()).map(([depth, objects]) => (objects ? `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`));

/** A well-formed manifest with one field (or one descriptor's field) replaced, added or removed. */
const alteredManifest = fc
  .record({
    key: oddKeys,
    value: fc.oneof(fc.jsonValue(), oddNumbers, nested.map((text) => JSON.parse(text) as unknown)),
    where: fc.constantFrom('top', 'config', 'layer', 'annotations'),
    remove: fc.boolean(),
  })
  .map(({ key, value, where, remove }) => {
    type Fields = Record<string, unknown>;
    const copy = JSON.parse(JSON.stringify(base)) as Fields & { config: Fields; layers: Fields[] };
    const target: Fields = where === 'top' ? copy : where === 'config' ? copy.config : where === 'layer' ? copy.layers[0]! : (copy.annotations = {});
    // defineProperty, so that '__proto__' becomes a key of the JSON text and not the object's prototype.
    if (remove) delete target[key];
    else Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    return Buffer.from(JSON.stringify(copy));
  });

/** Raw text: a nested document, arbitrary JSON, or the well-formed manifest with bytes damaged. */
const damagedBytes = fc.oneof(
  nested.map((text) => Buffer.from(`{"schemaVersion":2,"x":${text}}`)),
  fc.json().map((text) => Buffer.from(text)),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }).map((edits) => {
    const bytes = Buffer.from(image.manifest);
    for (const [at, byte] of edits) bytes[at % bytes.length] = byte;
    return bytes;
  }),
);
const manifests = fc.oneof(alteredManifest, damagedBytes);

describe('fuzzing the manifest reader', () => {
  it('returns a parsed manifest or throws a 4xx DistributionError, never anything else', () => {
    fc.assert(
      fc.property(manifests, contentTypes, (bytes, contentType) => {
        try {
          expect(parseManifest(bytes, contentType).digest).toBe(sha256(bytes));
        } catch (error) {
          if (!(error instanceof DistributionError) || error.status < 400 || error.status > 499) throw error;
        }
      }),
      { numRuns: 20_000, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });
});

describe('fuzzing PUT /v2/<name>/manifests and PutImage', () => {
  let fx: RegistryFixture;
  const failures: RegistryEvent[] = [];

  beforeAll(async () => {
    fx = await startRegistry({ reporter: { emit: (event) => event.type === 'registry.request.failed' && failures.push(event) } });
    fx.registry.createRepository({ repositoryName: 'app' });
    for (const blob of [image.config, image.layer]) {
      await send(fx.endpoint, 'POST', `/v2/app/blobs/uploads/?digest=${sha256(blob)}`, { body: blob, headers: { Authorization: fx.authorization } });
    }
  });
  afterAll(() => fx.stop());

  it('answers every manifest with 201 (served back byte for byte) or a 4xx error envelope, and reports no internal error', async () => {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(manifests, contentTypes, async (bytes, contentType) => {
        tried++;
        const headers = { Authorization: fx.authorization, ...(contentType ? { 'Content-Type': contentType } : {}) };
        const put = await send(fx.endpoint, 'PUT', `/v2/app/manifests/fuzz-${tried}`, { body: bytes, headers });
        expect(put.status === 201 || (put.status >= 400 && put.status < 500 && put.errorCodes().length === 1)).toBe(true);
        if (put.status === 201) expect((await send(fx.endpoint, 'GET', `/v2/app/manifests/fuzz-${tried}`, { headers })).body.equals(bytes)).toBe(true);
        try {
          fx.registry.putImage({ repositoryName: 'app', imageManifest: bytes.toString('utf8'), imageManifestMediaType: contentType, imageTag: `ecr-${tried}` });
        } catch (error) {
          if (!(error instanceof SlipwayError) || error.kind !== 'invalid-input') throw error;
        }
      }),
      { numRuns: 2000, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(20);
  });
});
