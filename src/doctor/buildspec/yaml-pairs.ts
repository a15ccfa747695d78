// Reading a buildspec's YAML tree by key: mapping keys as written, pairs, values, positions.
import { isMap, isScalar, type Node, type Pair } from 'yaml';

/** A mapping key as written (YAML 1.1 would read `on:` or `N:` as booleans). */
export function keyText(pair: Pair): string {
  const key = pair.key;
  if (!isScalar(key)) return '';
  if (typeof key.value === 'string') return key.value;
  return typeof key.source === 'string' ? key.source : String(key.value);
}

/** The pairs of a mapping node, or none. */
export function pairsOf(node: unknown): Pair[] {
  return isMap(node) ? (node.items as Pair[]) : [];
}

/** The value of `key` in a mapping node. */
export function valueAt(node: unknown, key: string): unknown {
  return pairsOf(node).find((pair) => keyText(pair) === key)?.value;
}

/** The pair of `key` in a mapping node. */
export function pairAt(node: unknown, key: string): Pair | undefined {
  return pairsOf(node).find((pair) => keyText(pair) === key);
}

/** The start offset of a node (or undefined for a missing one). */
export function startOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
