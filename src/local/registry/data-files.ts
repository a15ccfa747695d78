// Writing inside the registry's data folder without ever following a symbolic link planted
// there: new files are created with O_CREAT|O_EXCL|O_NOFOLLOW (so never through a name that
// exists), files that are replaced are written aside and renamed over the old name (rename
// replaces a link, it does not write through it), existing files are opened with O_NOFOLLOW, and
// every folder the registry writes into is checked to be a folder, not a link. The folder holds
// the registry's password and every pushed image: its folders are 0700 and its files 0600,
// whatever the umask (a mode given to open or mkdir only loses bits to the umask; chmod sets it).
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;
const { O_CREAT, O_EXCL, O_NOFOLLOW, O_WRONLY } = constants;

/** Creates `file`, which must not exist (not even as a link), 0600; returns its open descriptor. */
export function createPrivateFile(file: string, flags: number = O_WRONLY): number {
  const fd = openSync(file, flags | O_CREAT | O_EXCL | O_NOFOLLOW, PRIVATE_FILE_MODE);
  fchmodSync(fd, PRIVATE_FILE_MODE);
  return fd;
}

/** Opens an existing file; fails (ELOOP) when the name is a symbolic link instead of following it. */
export function openWithoutFollowing(file: string, flags: number): number {
  return openSync(file, flags | O_NOFOLLOW);
}

/** Replaces `file` with `content`: written aside under a fresh name, then renamed over `file`. */
export function replacePrivateFile(file: string, content: string): void {
  const aside = `${file}.${randomUUID()}.new`;
  const fd = createPrivateFile(aside);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(aside, file);
  } catch (error) {
    rmSync(aside, { force: true });
    throw error;
  }
}

/**
 * Creates the data folder 0700 when it is missing. One that exists is made 0700 only when it is
 * a registry's already (it holds registry.db): `--data` may name a folder shared with others.
 */
export function prepareDataFolder(dir: string): void {
  if (!lstatSync(dir, { throwIfNoEntry: false })) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    chmodSync(dir, PRIVATE_FOLDER_MODE);
  } else if (lstatSync(join(dir, 'registry.db'), { throwIfNoEntry: false })) {
    chmodSync(dir, PRIVATE_FOLDER_MODE);
  }
}

/** Makes sure `dir` is a real folder, 0700, creating it when missing; refuses a link in its place. */
export function privateFolder(dir: string): void {
  let info = lstatSync(dir, { throwIfNoEntry: false });
  if (!info) {
    try {
      mkdirSync(dir, { mode: PRIVATE_FOLDER_MODE });
    } catch (error) {
      // Two uploads completing at once may both create a digest prefix's folder.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    info = lstatSync(dir);
  }
  if (info.isSymbolicLink() || !info.isDirectory()) throw notARealEntry(dir, info.isSymbolicLink() ? 'a symbolic link' : 'not a folder');
  if ((info.mode & 0o777) !== PRIVATE_FOLDER_MODE) chmodSync(dir, PRIVATE_FOLDER_MODE);
}

/** Refuses `file` when it exists as anything but a regular file (a link planted in its place). */
export function refuseLinkAt(file: string): void {
  const info = lstatSync(file, { throwIfNoEntry: false });
  if (info && !info.isFile()) throw notARealEntry(file, info.isSymbolicLink() ? 'a symbolic link' : 'not a regular file');
}

/** Makes an existing regular file 0600 (files made by older versions took the umask's mode). */
export function privateFileMode(file: string): void {
  const info = lstatSync(file, { throwIfNoEntry: false });
  if (info?.isFile() && (info.mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
}

function notARealEntry(path: string, what: string): SlipwayError {
  return new SlipwayError('RegistryDataUnsafe', `${path} is ${what}: the registry writes only into real files and folders of its data folder, never through a link`, {
    kind: 'environment',
    hint: `remove it (rm ${path}) and start the registry again; it recreates what it needs`,
  });
}
