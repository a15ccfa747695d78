// slipway's stand-in for the AWS CLI (the POSIX sh script assets/build-path/aws, shipped in the
// package): `aws` first on the PATH of every build that reaches the local account. It hands the
// account's endpoint to a real CLI further down PATH and, with none, asks `slipway up` (see the
// script's header and docs/local-codebuild.md, "What builds get from the local account"). It
// sits in a folder of its own, next to the build commands, mounted read-only into build
// containers at the same path.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The script in the package: `<package>/assets/build-path/aws` (from src/local/codebuild or dist/local/codebuild). */
const SCRIPT = new URL('../../../assets/build-path/aws', import.meta.url);

/**
 * Writes the stand-in into `<stateDir>/codebuild/aws-bin` (rewritten only when this version of
 * slipway carries another text) and returns that folder, to put on PATH after the build commands.
 */
export async function installAwsStandIn(stateDir: string): Promise<string> {
  const dir = join(stateDir, 'codebuild', 'aws-bin');
  const file = join(dir, 'aws');
  const text = await readFile(SCRIPT, 'utf8');
  if ((await readFile(file, 'utf8').catch(() => undefined)) === text) return dir;
  await mkdir(dir, { recursive: true });
  // Written aside and renamed, so a build starting at the same time never sees half a script.
  const aside = `${file}.${randomUUID()}`;
  await writeFile(aside, text, { mode: 0o755 });
  await rename(aside, file);
  return dir;
}
