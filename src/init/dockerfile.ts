// Finds the repository's Dockerfile and what it EXPOSEs.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Folders never searched for a Dockerfile: dependencies, build output, VCS data. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'vendor', 'dist', 'build', 'target', '.slipway', '.venv']);
const MAX_DEPTH = 3;

/** The Dockerfile nearest the root (breadth first, up to three levels down), relative to `root`. */
export async function findDockerfile(root: string): Promise<string | undefined> {
  let level = [root];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      const sorted = entries.sort((a, b) => a.name.localeCompare(b.name));
      const file = sorted.find((entry) => entry.isFile() && entry.name === 'Dockerfile');
      if (file) return relative(root, join(dir, file.name));
      for (const entry of sorted) {
        if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) next.push(join(dir, entry.name));
      }
    }
    level = next;
  }
  return undefined;
}

/** The first TCP port the Dockerfile EXPOSEs, ignoring variables it cannot resolve. */
export async function exposedPort(dockerfilePath: string): Promise<number | undefined> {
  const text = await readFile(dockerfilePath, 'utf8');
  // Continuation lines are joined first: `EXPOSE 80 \` + newline + `443` is one instruction.
  const instructions = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of instructions) {
    const match = /^\s*EXPOSE\s+(.+)$/i.exec(line);
    if (!match) continue;
    for (const word of match[1]!.trim().split(/\s+/)) {
      const port = /^(\d+)(?:\/tcp)?$/i.exec(word);
      if (port) return Number(port[1]);
    }
  }
  return undefined;
}
