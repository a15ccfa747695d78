// <data>/password: the registry's current password, for `docker login --password-stdin <` (the
// password itself is never printed). Readable by its user only, and replaced as a whole, never
// written through a link planted at its name (data-files.ts).
import { join } from 'node:path';
import { replacePrivateFile } from './data-files.js';

/** Writes `password` to <data>/password (0600) and returns the file's path. */
export function writePasswordFile(dataDir: string, password: string): string {
  const file = join(dataDir, 'password');
  replacePrivateFile(file, password);
  return file;
}
