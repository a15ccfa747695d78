// Keyed caches (buildspec `cache.key`, `cache.fallback-keys`), after AWS's "Amazon S3 caching":
// CodeBuild "stores the cache under the context of this cache key, and create[s] a unique cache
// copy that will not be updated once created"; a restore looks for the key itself, then for each
// fallback key in order as a prefix, the newest matching copy first. The cached paths are part of
// a copy's identity (the guide's "Cache version"; our reading: copies for other paths never match).
//
// Layout: `<project cache folder>/key=<key, encoded>@<version>/` holds `entry.json` (the key,
// the paths, the order of saving) and `paths/<folder, URI-encoded>/`. `=` is never left as is by
// encodeURIComponent, so these names cannot meet the folders of the unkeyed cache.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asideIn, cacheRoots, moveRoot, projectCacheDir, storedCopy, type CacheContext } from './cache.js';

/** What `entry.json` records about one keyed copy. */
export interface KeyedCacheEntry {
  key: string;
  /** The cached folders (the cache's version). */
  paths: string[];
  /** 1 for the project's first keyed copy, then one more for each: newest is highest. */
  sequence: number;
  savedAt: string;
  buildId: string;
}

const ENTRY_PREFIX = 'key=';
/** Longer keys keep their first characters and a digest of the whole key (file names have limits). */
const MAX_ENCODED_KEY = 150;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A key as a file name: bytes other than letters, digits, `.`, `_`, `-` become `%XX`. */
export function encodeCacheKey(key: string): string {
  const encoded = [...Buffer.from(key, 'utf8')]
    .map((byte) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
  // `~` is never produced above, so a shortened name cannot equal another key's full name.
  return encoded.length <= MAX_ENCODED_KEY ? encoded : `${encoded.slice(0, MAX_ENCODED_KEY - 17)}~${sha256(key).slice(0, 16)}`;
}

/** The folder name of the copy stored under `key` for these folders. */
export function entryFolderName(key: string, roots: string[]): string {
  return `${ENTRY_PREFIX}${encodeCacheKey(key)}@${sha256(JSON.stringify(roots)).slice(0, 12)}`;
}

/** What a restore or a save did: lines to log, and warnings (copies that could not be read). */
export interface KeyedCacheOutcome {
  messages: string[];
  warnings: string[];
  /** A cached folder that leads out of the source: the build fails with CLIENT_ERROR. */
  refusal?: string;
}

interface StoredEntries {
  entries: { folder: string; entry: KeyedCacheEntry }[];
  /** One warning per copy whose `entry.json` is missing or not a KeyedCacheEntry. */
  unreadable: string[];
}

function isEntry(value: unknown): value is KeyedCacheEntry {
  const entry = value as Partial<KeyedCacheEntry> | null;
  return (
    typeof entry === 'object' && entry !== null && typeof entry.key === 'string' && Array.isArray(entry.paths) && entry.paths.every((path) => typeof path === 'string') &&
    typeof entry.sequence === 'number' && typeof entry.savedAt === 'string'
  );
}

async function readEntry(folder: string): Promise<KeyedCacheEntry | string> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(join(folder, 'entry.json'), 'utf8'));
  } catch (error) {
    return (error as Error).message;
  }
  return isEntry(value) ? value : 'it does not hold key, paths, sequence and savedAt';
}

/** The project's keyed copies; one unreadable copy is skipped (with a warning), never fatal to the build. */
async function readEntries(dir: string): Promise<StoredEntries> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stored: StoredEntries = { entries: [], unreadable: [] };
  for (const name of names.filter((n) => n.startsWith(ENTRY_PREFIX)).sort()) {
    const folder = join(dir, name);
    const entry = await readEntry(folder);
    if (typeof entry !== 'string') stored.entries.push({ folder, entry });
    else stored.unreadable.push(`skipped the cache copy ${folder}: its entry.json cannot be read (${entry}); remove that folder to free its key`);
  }
  return stored;
}

/** The copy a restore uses: the key itself, else the newest copy whose key starts with a fallback key (in order). */
async function findKeyedCache(
  dir: string,
  key: string,
  fallbackKeys: string[],
  roots: string[],
): Promise<{ found?: { folder: string; entry: KeyedCacheEntry; fallbackKey?: string }; unreadable: string[] }> {
  const { entries, unreadable } = await readEntries(dir);
  const sameVersion = entries.filter(({ entry }) => JSON.stringify(entry.paths) === JSON.stringify(roots));
  const exact = sameVersion.find(({ entry }) => entry.key === key);
  if (exact) return { found: exact, unreadable };
  const newestFirst = sameVersion.sort((a, b) => b.entry.sequence - a.entry.sequence || b.entry.savedAt.localeCompare(a.entry.savedAt)
    || b.entry.key.localeCompare(a.entry.key));
  for (const fallbackKey of fallbackKeys) {
    const match = newestFirst.find(({ entry }) => entry.key.startsWith(fallbackKey));
    if (match) return { found: { ...match, fallbackKey }, unreadable };
  }
  return { unreadable };
}

/** Restores the copy for `key` (or a fallback key) into place; returns what to log. */
export async function restoreKeyedCache(ctx: CacheContext, paths: string[], key: string, fallbackKeys: string[]): Promise<KeyedCacheOutcome> {
  const roots = cacheRoots(paths);
  const { found, unreadable } = await findKeyedCache(projectCacheDir(ctx), key, fallbackKeys, roots);
  if (!found) return { messages: [`no cache found for key ${key}${fallbackKeys.length ? ` or the fallback keys ${fallbackKeys.join(', ')}` : ''}`], warnings: unreadable };
  const messages = [found.fallbackKey === undefined ? `found key ${key}` : `no cache for key ${key}; using ${found.entry.key}, the newest cache matching the fallback key ${found.fallbackKey}`];
  for (const root of roots) {
    const move = await moveRoot(ctx, root, storedCopy(join(found.folder, 'paths'), root), 'restore');
    if (move.refused) return { messages, warnings: unreadable, refusal: move.message };
    messages.push(move.message);
  }
  return { messages, warnings: unreadable };
}

async function nextSequence(dir: string): Promise<number> {
  return Math.max(0, ...(await readEntries(dir)).entries.map(({ entry }) => entry.sequence)) + 1;
}

/**
 * Saves the folders under `key`, unless a copy for that key exists (it is never updated) or none
 * of the folders had anything to save (an empty copy would stand for the key forever, and hide
 * the fallback keys' copies from later builds); returns what to log.
 */
export async function saveKeyedCache(ctx: CacheContext, paths: string[], key: string, buildId: string): Promise<KeyedCacheOutcome> {
  const roots = cacheRoots(paths);
  const dir = projectCacheDir(ctx);
  const folder = join(dir, entryFolderName(key, roots));
  const exists = { messages: [`a cache for key ${key} exists and is never updated once created; not saved`], warnings: [] };
  if (await stat(folder).catch(() => undefined)) return exists;
  // Made aside (`%` then a non-hex letter: never an encoded folder name) and renamed into place
  // at once, so a restore never sees half a copy.
  const aside = asideIn(dir);
  const messages: string[] = [];
  try {
    await mkdir(join(aside, 'paths'), { recursive: true });
    let saved = false;
    for (const root of roots) {
      const move = await moveRoot(ctx, root, storedCopy(join(aside, 'paths'), root), 'save');
      if (move.refused) return { messages, warnings: [], refusal: move.message };
      messages.push(move.message);
      saved ||= move.moved;
    }
    if (!saved) return { messages: [...messages, `nothing was saved, so no cache is made for key ${key}`], warnings: [] };
    const entry: KeyedCacheEntry = { key, paths: roots, sequence: await nextSequence(dir), savedAt: new Date().toISOString(), buildId };
    await writeFile(join(aside, 'entry.json'), `${JSON.stringify(entry, null, 2)}\n`);
    await rename(aside, folder);
  } catch (error) {
    // Another build of the project saved the same key first.
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST') return exists;
    throw error;
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
  return { messages: [...messages, `saved under key ${key}`], warnings: [] };
}
