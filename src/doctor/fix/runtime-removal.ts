// Removes `runtime-versions` entries that fail the build on the project's image (docker on
// aws/codebuild/standard:5.0 and later; see buildspec/curated-runtimes.ts), whole lines at a
// time: the entry; its `runtime-versions:` line when nothing else is left in it; its phase when
// the phase then holds nothing at all. Only block mappings are edited (`{docker: 18}` is left
// to the user).
import { isMap, type Pair } from 'yaml';
import type { BuildspecDocument } from '../buildspec/buildspec-document.js';
import { pairsOf, startOf } from '../buildspec/yaml-pairs.js';
import type { BuildspecContext } from '../buildspec/context.js';
import { runtimeSupport } from '../buildspec/curated-runtimes.js';
import { runtimeEntries } from '../buildspec/runtime-versions.js';
import { lineEnd, lineStart, type SourceEdit } from './source-edit.js';

/** Edits that remove the docker runtime where the image has none. */
export function dockerRuntimeRemovals(document: BuildspecDocument, context: BuildspecContext): SourceEdit[] {
  const support = runtimeSupport(context.buildImage);
  if (support.kind !== 'curated' || support.runtimes.includes('docker')) return [];
  return runtimeEntries(document)
    .filter(({ name, runtimeVersions, phase }) => name === 'docker' && isBlockMap(runtimeVersions.value) && isBlockMap(phase.value))
    .map(({ phase, runtimeVersions, entry }) => {
      const others = pairsOf(runtimeVersions.value).filter((pair) => pair !== entry);
      const phaseOthers = pairsOf(phase.value).filter((pair) => pair !== runtimeVersions);
      const outermost: Pair = others.length > 0 ? entry : phaseOthers.length > 0 ? runtimeVersions : phase;
      return wholeLines(document.text, outermost);
    });
}

function isBlockMap(node: unknown): boolean {
  return isMap(node) && !node.flow;
}

/** The lines a pair occupies, from its key's line to the end of its value's last line. */
function wholeLines(text: string, pair: Pair): SourceEdit {
  const start = lineStart(text, startOf(pair.key) ?? 0);
  const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? startOf(pair.key) ?? 0;
  return { start, end: lineEnd(text, Math.max(valueEnd - 1, start)), replacement: '' };
}
