// `runtime-versions` entries the build image does not have (see curated-runtimes.ts).
import { isScalar, type Pair } from 'yaml';
import type { Finding } from '../finding.js';
import type { BuildspecDocument } from './buildspec-document.js';
import { keyText, pairsOf, startOf, valueAt } from './yaml-pairs.js';
import type { BuildspecContext } from './context.js';
import { runtimeSupport, type RuntimeSupport } from './curated-runtimes.js';

/** One `runtime-versions` entry, with the phase it is in. */
export interface RuntimeEntry {
  phase: Pair;
  runtimeVersions: Pair;
  entry: Pair;
  name: string;
}

/** Every `runtime-versions` entry of every phase. */
export function runtimeEntries(document: BuildspecDocument): RuntimeEntry[] {
  return pairsOf(valueAt(document.doc.contents, 'phases')).flatMap((phase) => {
    const runtimeVersions = pairsOf(phase.value).find((pair) => keyText(pair) === 'runtime-versions');
    if (!runtimeVersions) return [];
    return pairsOf(runtimeVersions.value).map((entry) => ({ phase, runtimeVersions, entry, name: keyText(entry) }));
  });
}

/** Findings for runtimes the project's image does not offer. */
export function runtimeVersionFindings(document: BuildspecDocument, context: BuildspecContext): Finding[] {
  const support = runtimeSupport(context.buildImage);
  if (support.kind === 'unknown') return [];
  return runtimeEntries(document).flatMap((entry) => {
    const verdict = judge(entry, support, context.buildImage);
    if (!verdict) return [];
    const at = document.position(startOf(entry.entry.key) ?? 0);
    return [{ ...verdict, check: 'buildspec.runtime-versions', file: document.file, path: `phases.${keyText(entry.phase)}.runtime-versions.${entry.name}`, ...at }];
  });
}

/** What is wrong with one entry on this image, if anything. */
function judge({ entry, name }: RuntimeEntry, support: Exclude<RuntimeSupport, { kind: 'unknown' }>, image: string): Pick<Finding, 'severity' | 'message' | 'fix'> | undefined {
  if (support.kind === 'custom') {
    const version = isScalar(entry.value) ? ` ${String(entry.value.source ?? entry.value.value)}` : '';
    return {
      severity: 'warning',
      message: `runtime-versions (${name}${version}) is not supported on the custom image ${image}: CodeBuild selects runtimes only on its own images`,
      fix: 'remove runtime-versions and install what the build needs in the image',
    };
  }
  if (support.runtimes.includes(name)) return undefined;
  return {
    severity: 'error',
    message: `${image} has no runtime named '${name}' (it has ${support.runtimes.join(', ')}): CodeBuild fails the build before it starts (YAML_FILE_ERROR: Unknown runtime named '${name}')`,
    fix: name === 'docker' ? "remove it: Docker comes with the project's privileged mode, which the template sets" : `remove it, or name one of: ${support.runtimes.join(', ')}`,
  };
}
