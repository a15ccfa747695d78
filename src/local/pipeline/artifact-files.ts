// Pipeline artifacts in the artifact bucket, as CodePipeline stores them: one zip object per
// artifact at `<pipeline name[0:20]>/<artifact name[0:10]>/<7 random alphanumerics>` (no extension),
// read back into a folder for the next action. Unzipping keeps every entry inside its folder.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { ZipFile } from 'yazl';
import { readZipEntries, type ArtifactStore } from '../artifacts/index.js';
import { SlipwayError } from '../../errors.js';
import type { ArtifactLocation } from './execution-model.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new object key for an artifact of a pipeline. */
export function artifactKey(pipelineName: string, artifactName: string): string {
  const suffix = [...randomBytes(7)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
  return `${pipelineName.slice(0, 20)}/${artifactName.slice(0, 10)}/${suffix}`;
}

/** Stores a zip file as an artifact of the pipeline in its bucket. */
export async function storeArtifact(
  buckets: ArtifactStore, bucket: string, pipelineName: string, artifactName: string, zipPath: string,
): Promise<ArtifactLocation> {
  const key = artifactKey(pipelineName, artifactName);
  buckets.putObject(bucket, key, await readFile(zipPath));
  return { name: artifactName, bucket, key };
}

/** Stores a zip holding one file as an artifact of the pipeline (a CloudFormation action's OutputFileName). */
export async function storeFileArtifact(
  buckets: ArtifactStore, bucket: string, pipelineName: string, artifactName: string, file: { name: string; content: string },
): Promise<ArtifactLocation> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(file.content), file.name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const key = artifactKey(pipelineName, artifactName);
  buckets.putObject(bucket, key, Buffer.concat(chunks));
  return { name: artifactName, bucket, key };
}

/** Unzips an artifact into `dir` (made if missing); an entry that would land outside it is refused. */
export async function extractArtifact(buckets: ArtifactStore, location: ArtifactLocation, dir: string, scratchZip: string): Promise<void> {
  const body = buckets.getObject(location.bucket, location.key);
  if (!body) throw new SlipwayError('ArtifactMissing', `the artifact ${location.name} is not in s3://${location.bucket}/${location.key}`, { kind: 'failed' });
  await mkdir(dirname(scratchZip), { recursive: true });
  await writeFile(scratchZip, body);
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  for (const entry of await readZipEntries(scratchZip)) {
    const target = resolve(root, entry.name);
    if (!target.startsWith(`${root}${sep}`)) throw new SlipwayError('ArtifactInvalid', `the artifact ${location.name} holds an entry outside its folder: ${entry.name}`, { kind: 'failed' });
    await mkdir(dirname(target), { recursive: true });
    if (entry.symlink) await symlink(entry.content.toString('utf8'), target);
    // Executable scripts stay executable (git archive records each file's mode).
    else await writeFile(target, entry.content, { mode: entry.mode || 0o644 });
  }
}
