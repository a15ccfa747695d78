// The system's `diff -u`, which doctor's own diff is held against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `diff -u` of two texts, as the system's diff prints it. */
export function systemDiff(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-diff-'));
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  try {
    return execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  } catch (error) {
    // diff exits 1 when the files differ, which is the point here.
    return (error as { stdout: string }).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The hunks of a unified diff, without its file headers. */
export function hunks(diff: string): string {
  return diff.slice(diff.indexOf('@@'));
}
