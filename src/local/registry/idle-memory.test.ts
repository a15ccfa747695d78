// The quiet spell's collections, watched in this process through Node's performance entries.
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { waitForQuiet } from './idle-memory.js';

const MiB = 1024 * 1024;

function kindOf(entry: PerformanceEntry): string {
  const { kind } = (entry as PerformanceEntry & { detail: { kind: number } }).detail;
  return kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'full' : kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'young' : `other (${kind})`;
}

// What it must leave behind is checked on the real registry process (test/registry/idle-memory.test.ts);
// here V8's own collections, which a test process starts too, would hide a missing step.
it('ends a quiet spell with a full collection, then a young one that frees the dead Buffers’ memory', async () => {
  let buffers: Buffer[] | undefined = Array.from({ length: 8 }, () => Buffer.allocUnsafeSlow(MiB));
  const held = process.memoryUsage().arrayBuffers;
  expect(buffers).toHaveLength(8);
  buffers = undefined;
  const collections: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });

  waitForQuiet();
  await sleep(2500);
  observer.disconnect();

  // Ten young collections spaced out, one full, one young. V8 adds its own collections too (the
  // 8 MiB of Buffers above start one): the spell's full collection is the last one.
  const kinds = collections.map(kindOf);
  const full = kinds.lastIndexOf('full');
  expect(kinds.slice(0, full).filter((kind) => kind === 'young').length).toBeGreaterThanOrEqual(10);
  expect(kinds[full + 1]).toBe('young');
  expect(held - process.memoryUsage().arrayBuffers).toBeGreaterThan(7 * MiB);
});
