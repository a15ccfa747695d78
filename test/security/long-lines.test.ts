// Issue 16, class 5: one output line without a newline must cost linear time and bounded memory.
// Long lines are cut into pieces of 65,536 characters (docs/local-codebuild.md); nothing is lost
// or reordered. How long it takes is measured by bench/codebuild-long-lines.mjs, not here.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, runCase, type RunnerName } from '../codebuild/build-harness.js';

afterAll(cleanUp);

const PIECE = 65_536;

describe.each(['host', 'container'] as RunnerName[])('a long line without newlines (%s)', (runner) => {
  it('is cut into pieces of 65,536 characters, in order, nothing lost (8 MiB and a tail)', async () => {
    const size = 8 * 1024 * 1024 + 1000;
    const r = await runCase(runner, `version: 0.2\nphases:\n  build:\n    commands:\n      - head -c ${size} /dev/zero | tr '\\0' y; echo; echo after\n`);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    const pieces = r.output.slice(0, -1);
    expect(pieces.map((p) => p.length)).toEqual([...Array.from({ length: Math.floor(size / PIECE) }, () => PIECE), size % PIECE]);
    expect(pieces.every((p) => /^y+$/.test(p))).toBe(true);
    expect(r.output.at(-1)).toBe('after');
  });

  it('keeps the end-of-command marker working when a long line has no newline at all', async () => {
    const r = await runCase(runner, `version: 0.2\nphases:\n  build:\n    commands:\n      - head -c ${3 * PIECE + 5} /dev/zero | tr '\\0' z\n      - echo next\n`);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.output.map((p) => p.length)).toEqual([PIECE, PIECE, PIECE, 5, 4]);
    expect(r.output.at(-1)).toBe('next');
  });
});
