// Build numbers per project (CODEBUILD_BUILD_NUMBER counts from 1), kept in a small JSON file
// under the state folder and replaced by atomic rename.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The folder holding one project's local CodeBuild state. */
export function projectStateDir(stateDir: string, projectName: string): string {
  return join(stateDir, 'codebuild', encodeURIComponent(projectName));
}

/** Returns the next build number of a project and records it. */
export async function nextBuildNumber(stateDir: string, projectName: string): Promise<number> {
  const dir = projectStateDir(stateDir, projectName);
  const file = join(dir, 'build-number.json');
  await mkdir(dir, { recursive: true });
  let last = 0;
  try {
    last = Number((JSON.parse(await readFile(file, 'utf8')) as { last?: number }).last ?? 0);
  } catch {
    // first build of this project
  }
  const next = last + 1;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ last: next }));
  await rename(temp, file);
  return next;
}
