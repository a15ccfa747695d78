// The commands slipway puts on a build's PATH (codebuild-hash-files, the aws stand-in) are files
// in the home, written when this version of slipway carries another text than the one there.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Makes `<dir>/<name>` an executable file holding `text` (untouched when it already does); returns `dir`. */
export async function installScript(dir: string, name: string, text: string): Promise<string> {
  const file = join(dir, name);
  if ((await readFile(file, 'utf8').catch(() => undefined)) === text) return dir;
  await mkdir(dir, { recursive: true });
  // Written aside and renamed, so a build starting at the same time never sees half a script.
  const aside = `${file}.${randomUUID()}`;
  await writeFile(aside, text, { mode: 0o755 });
  await rename(aside, file);
  return dir;
}
