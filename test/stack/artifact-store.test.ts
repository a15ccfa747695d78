// The local artifact store (S3 buckets on disk) and the state database's named migrations.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactStore, bucketNameProblem } from '../../src/local/artifacts/index.js';
import { openStateDatabase } from '../../src/local/state/index.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-artifacts-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the artifact store', () => {
  it('keeps objects under any key, with S3\'s ETag, and never lets a key leave its bucket', () => {
    const store = new ArtifactStore(join(root, 'artifacts'));
    store.createBucket('pipeline-artifacts', { versioning: true });
    const info = store.putObject('pipeline-artifacts', 'my-pipeline/SourceArti/../../escape.zip', 'zip bytes');
    // A single-part upload's ETag is the quoted hex MD5 of the content.
    expect(info).toMatchObject({ size: 9, eTag: `"${createHash('md5').update('zip bytes').digest('hex')}"` });
    expect(info.versionId).not.toBe('null');
    expect(store.getObject('pipeline-artifacts', 'my-pipeline/SourceArti/../../escape.zip')?.toString()).toBe('zip bytes');
    expect(store.listObjects('pipeline-artifacts', 'my-pipeline/')).toEqual(['my-pipeline/SourceArti/../../escape.zip']);
    expect(readdirSync(join(root, 'artifacts'))).toEqual(['pipeline-artifacts']);
  });

  it('refuses invalid and taken bucket names, and deleting a bucket with objects', () => {
    const store = new ArtifactStore(join(root, 'artifacts'));
    expect(bucketNameProblem('Upper_Case')).toMatch(/3-63 characters of lowercase letters/);
    expect(bucketNameProblem('192.168.1.1')).toMatch(/IP address/);
    store.createBucket('taken');
    expect(() => store.createBucket('taken')).toThrow(/not available/);
    store.putObject('taken', 'a', 'x');
    expect(() => store.deleteBucket('taken')).toThrow(/The bucket you tried to delete is not empty/);
    store.deleteObject('taken', 'a');
    store.deleteBucket('taken');
    expect(store.listBuckets()).toEqual([]);
  });
});

describe('the state database', () => {
  it('applies each named migration once, so several parts of the engine can add their own tables', () => {
    const path = join(root, 'slipway.db');
    const first = { id: 'test-0001', sql: 'CREATE TABLE a (x TEXT)' };
    openStateDatabase(path, [first]).close();
    const db = openStateDatabase(path, [first, { id: 'other-0001', sql: 'CREATE TABLE b (y TEXT)' }]);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    db.close();
    expect(tables).toEqual(['a', 'b', 'schema_migrations']);
  });
});
