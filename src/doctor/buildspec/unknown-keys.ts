// Keys a buildspec does not have, each with the closest known key as a "did you mean"
// (`pre-build` for `pre_build`, `artifact` for `artifacts`).
import type { Pair } from 'yaml';
import { closestWord } from '../../text/did-you-mean.js';
import type { Finding } from '../finding.js';
import type { BuildspecDocument } from './buildspec-document.js';
import { keyText, pairsOf, startOf, valueAt } from './yaml-pairs.js';
import { ARTIFACT_KEYS, CACHE_KEYS, ENV_KEYS, PHASE_KEYS, PHASE_NAMES, PROXY_KEYS, REPORT_KEYS, TOP_KEYS } from './buildspec-keys.js';

/** A mapping, the keys it may have, and its path. */
type Level = [node: unknown, allowed: readonly string[], path: string];

/** Findings for every unknown key, at the key. */
export function unknownKeyFindings(document: BuildspecDocument): Finding[] {
  return levels(document.doc.contents).flatMap(([node, allowed, path]) =>
    pairsOf(node)
      .filter((pair) => !allowed.includes(keyText(pair)))
      .map((pair) => finding(document, pair, allowed, path)),
  );
}

function finding(document: BuildspecDocument, pair: Pair, allowed: readonly string[], path: string): Finding {
  const key = keyText(pair);
  const suggestion = closestWord(key, allowed);
  return {
    check: 'buildspec.unknown-key',
    severity: 'error',
    file: document.file,
    path: path ? `${path}.${key}` : key,
    ...document.position(startOf(pair.key) ?? 0),
    message: `unknown key '${key}'${suggestion ? `; did you mean '${suggestion}'?` : ''} (expected one of: ${allowed.join(', ')})`,
    fix: suggestion ? `rename it to ${suggestion}` : 'remove it',
  };
}

/** Every mapping whose keys are known, from the root down. */
function levels(root: unknown): Level[] {
  const artifacts = valueAt(root, 'artifacts');
  const phases = valueAt(root, 'phases');
  return [
    [root, TOP_KEYS, ''],
    [valueAt(root, 'env'), ENV_KEYS, 'env'],
    [valueAt(root, 'proxy'), PROXY_KEYS, 'proxy'],
    [phases, PHASE_NAMES, 'phases'],
    ...pairsOf(phases).map((phase): Level => [phase.value, PHASE_KEYS, `phases.${keyText(phase)}`]),
    [artifacts, [...ARTIFACT_KEYS, 'secondary-artifacts'], 'artifacts'],
    ...pairsOf(valueAt(artifacts, 'secondary-artifacts')).map((pair): Level => [pair.value, ARTIFACT_KEYS, `artifacts.secondary-artifacts.${keyText(pair)}`]),
    ...pairsOf(valueAt(root, 'reports')).map((pair): Level => [pair.value, REPORT_KEYS, `reports.${keyText(pair)}`]),
    [valueAt(root, 'cache'), CACHE_KEYS, 'cache'],
  ];
}
