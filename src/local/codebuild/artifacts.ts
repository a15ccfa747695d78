// Packs artifacts as zip files: `files` globs relative to the source root or `base-directory`
// (which is stripped from the paths), `discard-paths` flattens, `exclude-paths` removes,
// `enable-symlinks` keeps symbolic links as links.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
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

/** Collects an artifact's files and writes them to `zipPath`. */
export async function packArtifact(sourceDir: string, spec: ArtifactSpec, zipPath: string): Promise<PackedArtifact | ArtifactProblem> {
  const base = resolve(sourceDir, spec.baseDirectory ?? '.');
  const files = await findFiles(base, spec.files, spec.excludePaths, spec.enableSymlinks);
  if (files.length === 0) return { message: `no matching artifact paths found (files: ${spec.files.join(', ')})` };
  const zip = new ZipFile();
  const names = new Set<string>();
  for (const file of files) {
    const name = spec.discardPaths ? basename(file.relativePath) : file.relativePath;
    if (names.has(name)) continue; // discard-paths: the first file of a name wins
    names.add(name);
    if (file.linkTarget !== undefined) zip.addBuffer(Buffer.from(file.linkTarget), name, { mode: S_IFLNK | 0o777 });
    else zip.addBuffer(await readFile(file.path), name, { mode: S_IFREG | 0o644 });
  }
  zip.end();
  await mkdir(dirname(zipPath), { recursive: true });
  await new Promise<void>((done, fail) => {
    const out = createWriteStream(zipPath);
    out.on('close', done).on('error', fail);
    zip.outputStream.pipe(out);
  });
  const bytes = await readFile(zipPath);
  return {
    location: zipPath,
    fileCount: names.size,
    sha256sum: createHash('sha256').update(bytes).digest('hex'),
    md5sum: createHash('md5').update(bytes).digest('hex'),
  };
}
