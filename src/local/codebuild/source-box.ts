// The build's box: the source folder that artifacts, reports and caches are packed from. They
// are packed on the host, while a container build makes its links in its own view, so every
// path is resolved (every link followed) and anything that ends outside the folder is refused,
// as CodeBuild refuses a bad artifact path with CLIENT_ERROR (issue 16). A file is opened
// without following a last link and checked again through the opened descriptor, so a link
// swapped in between the check and the read (by a process the build left running) is caught.
import { constants } from 'node:fs';
import { open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Where a path leads once every link is followed, or why it leads nowhere. */
export type Resolution = { inside: true; real: string } | { inside: false; real: string } | { missing: true };

/** A path was refused: it ends outside the box, or it is no regular file. */
export class OutsideBoxError extends Error {}

/** The source folder as the one place packing may read from. */
export class SourceBox {
  private real: Promise<string> | undefined;

  constructor(readonly root: string) {}

  /** The folder itself, links resolved (a source folder reached through a link stays usable). */
  realRoot(): Promise<string> {
    this.real ??= realpath(this.root).catch(() => resolve(this.root));
    return this.real;
  }

  /** True when a fully resolved path is the box or inside it. */
  async contains(realPath: string): Promise<boolean> {
    const root = await this.realRoot();
    return realPath === root || realPath.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
  }

  /** True when a path, as written (no link followed), is the box or inside it. */
  containsWritten(path: string): boolean {
    const root = resolve(this.root);
    const at = resolve(root, path);
    return at === root || at.startsWith(`${root}${sep}`);
  }

  /**
   * For a path slipway writes or reads in its home (the artifacts folder, a cached copy): when
   * it lies inside the box, a build could have planted a link on the way to it; the message says
   * where it leads, else undefined.
   */
  async plantedLink(folder: string): Promise<string | undefined> {
    if (!this.containsWritten(folder)) return undefined;
    const root = resolve(this.root);
    // The nearest folder on the way that exists: links can only be planted in what exists.
    let at = resolve(folder);
    let real = await realpath(at).catch(() => undefined);
    while (real === undefined && at !== root && at !== dirname(at)) {
      at = dirname(at);
      real = await realpath(at).catch(() => undefined);
    }
    const expected = join(await this.realRoot(), relative(root, at));
    if (real === undefined || real === expected) return undefined;
    return `${folder} leads to ${real} through a symbolic link made inside the source folder; it is not used`;
  }

  /**
   * For a path slipway writes into the source (a cache restore): the nearest part of it that
   * exists must resolve inside the box; otherwise says where it leads.
   */
  async leavesBox(path: string): Promise<string | undefined> {
    if (!this.containsWritten(path)) return `${path}, outside the source folder`;
    let at = resolve(path);
    let real = await realpath(at).catch(() => undefined);
    while (real === undefined && at !== dirname(at)) {
      at = dirname(at);
      real = await realpath(at).catch(() => undefined);
    }
    if (real === undefined || (await this.contains(real))) return undefined;
    return `a symbolic link to ${real}, outside the source folder`;
  }

  /** Follows every link of `path`; a dangling link or a missing file is `missing`. */
  async resolve(path: string): Promise<Resolution> {
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      return { missing: true };
    }
    return (await this.contains(real)) ? { inside: true, real } : { inside: false, real };
  }

  /** A path relative to the box, for messages (`dist/app.js`). */
  async shown(path: string): Promise<string> {
    return relative(await this.realRoot(), path) || '.';
  }

  /**
   * Opens a regular file for reading, after checking through the descriptor itself that it is
   * inside the box. O_NONBLOCK keeps a FIFO from hanging the open; it is then refused.
   */
  async openFile(path: string): Promise<FileHandle> {
    const resolution = await this.resolve(path);
    if ('missing' in resolution) throw new OutsideBoxError(`${path} disappeared before it was packed`);
    const handle = await open(resolution.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => resolution.real);
      if (!(await this.contains(opened))) throw new OutsideBoxError(`${path} changed into a link to ${opened}, outside the source folder, while it was packed`);
      if (!(await handle.stat()).isFile()) throw new OutsideBoxError(`${await this.shown(opened)} is not a regular file`);
      return handle;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Reads a whole file that must be inside the box (report files). */
  async readFile(path: string): Promise<string> {
    const handle = await this.openFile(path);
    try {
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }
}
