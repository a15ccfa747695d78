// Packs artifacts as zip files: `files` globs relative to the source root or `base-directory`
// (which is stripped from the paths), `discard-paths` flattens, `exclude-paths` removes,
// `enable-symlinks` keeps symbolic links as links. Only files inside the source folder are
// read (source-box.ts); anything else is refused as CodeBuild's CLIENT_ERROR, with a message.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ZipFile } from 'yazl';
import type { ArtifactSpec } from './buildspec.js';
import { checkBaseDirectory, findFiles, type FoundFile } from './file-glob.js';
import type { SourceBox } from './source-box.js';

export interface PackedArtifact {
  location: string;
  fileCount: number;
  sha256sum: string;
  md5sum: string;
}

/** Raised as a value when no file matches or a path is refused: UPLOAD_ARTIFACTS fails with CLIENT_ERROR. */
export interface ArtifactProblem {
  message: string;
}

const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const LINKS_ADVICE = 'links are followed only inside the source folder (enable-symlinks: yes stores a link as a link)';

/** The SHA-256 and MD5 of a file, read as a stream (CodeBuild reports both for artifacts). */
async function digests(path: string): Promise<{ sha256sum: string; md5sum: string }> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  for await (const chunk of createReadStream(path)) {
    sha256.update(chunk as Buffer);
    md5.update(chunk as Buffer);
  }
  return { sha256sum: sha256.digest('hex'), md5sum: md5.digest('hex') };
}

/** Adds the files to a zip; each file is opened through the box only when its turn comes. */
function zipOf(files: FoundFile[], spec: ArtifactSpec, box: SourceBox): { zip: ZipFile; count: number } {
  const zip = new ZipFile();
  const names = new Set<string>();
  for (const file of files) {
    const name = spec.discardPaths ? basename(file.relativePath) : file.relativePath;
    if (names.has(name)) continue; // discard-paths: the first file of a name wins
    names.add(name);
    if (file.linkTarget !== undefined) zip.addBuffer(Buffer.from(file.linkTarget), name, { mode: S_IFLNK | 0o777 });
    // Streamed from disk, so large artifacts are not held in memory; a read error (or a file
    // swapped for a link meanwhile) fails the zip instead of the process.
    else {
      zip.addReadStreamLazy(name, { mode: S_IFREG | 0o644 }, (done) => {
        box.openFile(file.path).then(
          (handle) => done(null, handle.createReadStream().on('error', (error) => zip.emit('error', error))),
          (error: Error) => done(error, undefined as never),
        );
      });
    }
  }
  zip.end();
  return { zip, count: names.size };
}

/** Writes the zip beside its place and renames it there: a link planted at `zipPath` is replaced, never followed. */
async function writeZip(zip: ZipFile, zipPath: string): Promise<void> {
  await mkdir(dirname(zipPath), { recursive: true });
  const partial = join(dirname(zipPath), `.${basename(zipPath)}.${randomUUID()}.partial`);
  try {
    await new Promise<void>((done, fail) => {
      const out = createWriteStream(partial, { flags: 'wx' });
      out.on('close', done).on('error', fail);
      zip.on('error', (error: Error) => {
        out.destroy();
        fail(error);
      });
      zip.outputStream.pipe(out);
    });
    await rename(partial, zipPath);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Collects an artifact's files and writes them to `zipPath`. Files under `leaveOut` (slipway's
 * own state folder and the artifacts folder, when they sit inside the source) are never packed:
 * they hold secrets and earlier zips, which no build means to publish.
 */
export async function packArtifact(
  box: SourceBox, spec: ArtifactSpec, zipPath: string, leaveOut: readonly string[] = [],
): Promise<PackedArtifact | ArtifactProblem> {
  const base = resolve(box.root, spec.baseDirectory ?? '.');
  const baseProblem = await checkBaseDirectory(base, spec.baseDirectory, box);
  if (baseProblem) return { message: baseProblem };
  const inside = (path: string) => leaveOut.some((dir) => path === dir || path.startsWith(`${dir}${sep}`));
  const found = await findFiles(base, spec.files, spec.excludePaths, spec.enableSymlinks, box);
  if (found.refusals.length > 0) return { message: `${found.refusals.join('; ')}; ${LINKS_ADVICE}` };
  const files = found.files.filter((file) => !inside(resolve(file.path)));
  if (files.length === 0) return { message: `no matching artifact paths found (files: ${spec.files.join(', ')})` };
  const planted = await box.plantedLink(dirname(zipPath));
  if (planted) return { message: planted };
  const { zip, count } = zipOf(files, spec, box);
  try {
    await writeZip(zip, zipPath);
  } catch (error) {
    return { message: `the artifact could not be packed: ${(error as Error).message}` };
  }
  const { sha256sum, md5sum } = await digests(zipPath);
  return { location: zipPath, fileCount: count, sha256sum, md5sum };
}
