// Packs artifacts as zip files: `files` globs relative to the source root or `base-directory`
// (which is stripped from the paths), `discard-paths` flattens, `exclude-paths` removes,
// `enable-symlinks` keeps symbolic links as links.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { ZipFile } from 'yazl';
import type { ArtifactSpec } from './buildspec.js';
import { findFiles } from './file-glob.js';

export interface PackedArtifact {
  location: string;
  fileCount: number;
  sha256sum: string;
  md5sum: string;
}

/** Raised as a value when no file matches: CodeBuild fails UPLOAD_ARTIFACTS with CLIENT_ERROR. */
export interface ArtifactProblem {
  message: string;
}

const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

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

/**
 * Collects an artifact's files and writes them to `zipPath`. Files under `leaveOut` (slipway's
 * own state folder and the artifacts folder, when they sit inside the source) are never packed:
 * they hold secrets and earlier zips, which no build means to publish.
 */
export async function packArtifact(sourceDir: string, spec: ArtifactSpec, zipPath: string, leaveOut: readonly string[] = []): Promise<PackedArtifact | ArtifactProblem> {
  const base = resolve(sourceDir, spec.baseDirectory ?? '.');
  const inside = (path: string) => leaveOut.some((dir) => path === dir || path.startsWith(`${dir}${sep}`));
  const files = (await findFiles(base, spec.files, spec.excludePaths, spec.enableSymlinks)).filter((file) => !inside(resolve(file.path)));
  if (files.length === 0) return { message: `no matching artifact paths found (files: ${spec.files.join(', ')})` };
  const zip = new ZipFile();
  const names = new Set<string>();
  for (const file of files) {
    const name = spec.discardPaths ? basename(file.relativePath) : file.relativePath;
    if (names.has(name)) continue; // discard-paths: the first file of a name wins
    names.add(name);
    if (file.linkTarget !== undefined) zip.addBuffer(Buffer.from(file.linkTarget), name, { mode: S_IFLNK | 0o777 });
    // Streamed from disk, so large artifacts are not held in memory.
    else zip.addFile(file.path, name, { mode: S_IFREG | 0o644 });
  }
  zip.end();
  await mkdir(dirname(zipPath), { recursive: true });
  await new Promise<void>((done, fail) => {
    const out = createWriteStream(zipPath);
    out.on('close', done).on('error', fail);
    zip.outputStream.pipe(out);
  });
  const { sha256sum, md5sum } = await digests(zipPath);
  return { location: zipPath, fileCount: names.size, sha256sum, md5sum };
}
