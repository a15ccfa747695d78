// A unified diff (`diff -u` format, three lines of context) between two versions of a file, for
// `slipway doctor` to show what `--fix` would change. Lines are matched by a longest common
// subsequence, which is plenty for a buildspec's few dozen lines.

const CONTEXT = 3;

type Operation = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

/** The diff of `before` and `after` with `a/` and `b/` headers; empty when they are equal. */
export function unifiedDiff(before: string, after: string, file: string): string {
  if (before === after) return '';
  const operations = diffLines(splitLines(before), splitLines(after));
  const hunks: string[] = [];
  let index = 0;
  while (index < operations.length) {
    const change = operations.findIndex((operation, at) => at >= index && operation.kind !== ' ');
    if (change < 0) break;
    let end = change;
    // A hunk runs on while no more than twice the context separates it from the next change.
    for (let at = change; at < operations.length && at - end <= 2 * CONTEXT + 1; at += 1) if (operations[at]!.kind !== ' ') end = at;
    const from = Math.max(0, change - CONTEXT);
    const to = Math.min(operations.length, end + CONTEXT + 1);
    hunks.push(hunk(operations.slice(from, to)));
    index = to;
  }
  return `--- a/${file}\n+++ b/${file}\n${hunks.join('')}`;
}

function hunk(lines: Operation[]): string {
  const first = lines[0]!;
  const oldCount = lines.filter((line) => line.kind !== '+').length;
  const newCount = lines.filter((line) => line.kind !== '-').length;
  const header = `@@ -${range(first.oldLine, oldCount)} +${range(first.newLine, newCount)} @@\n`;
  return header + lines.map((line) => `${line.kind}${line.text}\n`).join('');
}

/** A hunk side as diff -u writes it: `start,count`, `start` alone for one line, the line before for none. */
function range(start: number, count: number): string {
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Each line kept, removed or added, with its line numbers (1-based) in the old and new file. */
function diffLines(old: string[], next: string[]): Operation[] {
  // common[i][j]: the length of the longest common subsequence of old[i..] and next[j..].
  const common = Array.from({ length: old.length + 1 }, () => new Array<number>(next.length + 1).fill(0));
  for (let i = old.length - 1; i >= 0; i -= 1) {
    for (let j = next.length - 1; j >= 0; j -= 1) common[i]![j] = old[i] === next[j]
      ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  }
  const operations: Operation[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < next.length) {
    const at = { oldLine: i + 1, newLine: j + 1 };
    if (i < old.length && j < next.length && old[i] === next[j]) {
      operations.push({ kind: ' ', text: old[i]!, ...at });
      i += 1;
      j += 1;
    } else if (i < old.length && (j >= next.length || common[i + 1]![j]! >= common[i]![j + 1]!)) operations.push({ kind: '-', text: old[i++]!, ...at });
    else operations.push({ kind: '+', text: next[j++]!, ...at });
  }
  return operations;
}
