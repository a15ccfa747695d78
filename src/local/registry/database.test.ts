// registry.db's schema is applied by named migrations; files made before them keep their data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistryDatabase, REGISTRY_MIGRATIONS } from './database.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-registry-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openRegistryDatabase', () => {
  it('records the registry- migrations on a new file', () => {
    const db = openRegistryDatabase(join(dir, 'registry.db'));
    expect(db.prepare('SELECT id FROM schema_migrations').all()).toEqual(REGISTRY_MIGRATIONS.map(({ id }) => ({ id })));
    expect(REGISTRY_MIGRATIONS.every(({ id }) => id.startsWith('registry-'))).toBe(true);
    db.close();
  });

  it('adopts a file made before migrations (user_version 1) without losing its rows', () => {
    const file = join(dir, 'registry.db');
    const old = new Database(file);
    old.exec(REGISTRY_MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO repositories (name, created_at, image_tag_mutability) VALUES ('app', 1, 'MUTABLE')").run();
    old.close();
    const db = openRegistryDatabase(file);
    expect(db.prepare('SELECT name FROM repositories').all()).toEqual([{ name: 'app' }]);
    expect(db.prepare('SELECT id FROM schema_migrations').all()).toEqual([{ id: 'registry-0001-schema' }]);
    db.close();
  });
});
