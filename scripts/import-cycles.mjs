// Fails when files import each other in a circle (issue 9, point 8: "no import circles"); run by
// `npm run lint`. Two rules. No circle of runtime imports, static or `import()`, anywhere: ES
// modules in a circle run before their imports are initialized. No circle that crosses folders,
// counting `import type` too: types are erased, but two areas that lean on each other are one
// tangle (the example is `config` importing `init`). Type-only circles inside one folder
// (a module's parts sharing their hub's types) are allowed.
// Usage: node scripts/import-cycles.mjs [folder ...]   (default: src test bench)
import { dirname, relative } from 'node:path';
import process from 'node:process';
import { importGraph } from './import-graph.mjs';

/** Strongly connected components of `graph` with more than one file (Tarjan's algorithm, iterative). */
function circles(graph) {
  const index = new Map(), low = new Map(), onStack = new Set(), stack = [], result = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work = [[root, 0]];
    index.set(root, index.size); low.set(root, index.get(root)); stack.push(root); onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, next] = frame;
      const edges = graph.get(node);
      if (next < edges.length) {
        frame[1] += 1;
        const target = edges[next].target;
        if (!index.has(target)) {
          index.set(target, index.size); low.set(target, index.get(target)); stack.push(target); onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)));
        continue;
      }
      work.pop();
      if (work.length > 0) { const parent = work[work.length - 1][0]; low.set(parent, Math.min(low.get(parent), low.get(node))); }
      if (low.get(node) !== index.get(node)) continue;
      const members = [];
      let member;
      do { member = stack.pop(); onStack.delete(member); members.push(member); } while (member !== node);
      if (members.length > 1 || edges.some((edge) => edge.target === node)) result.push(new Set(members));
    }
  }
  return result;
}

/** One circle through `edge`: the edge, then the shortest way back inside the component. */
function circleThrough(graph, members, edge) {
  const previous = new Map([[edge.target, null]]);
  const queue = [edge.target];
  while (queue.length > 0 && !previous.has(edge.from)) {
    const node = queue.shift();
    for (const next of graph.get(node)) {
      if (members.has(next.target) && !previous.has(next.target)) { previous.set(next.target, next); queue.push(next.target); }
    }
  }
  const path = [];
  for (let step = previous.get(edge.from); step; step = previous.get(step.from)) path.unshift(step);
  return edge.from === edge.target ? [edge] : [edge, ...path];
}

const root = process.cwd();
const folders = process.argv.length > 2 ? process.argv.slice(2) : ['src', 'test', 'bench'];
const all = importGraph(folders);
const runtime = new Map([...all].map(([file, edges]) => [file, edges.filter((edge) => !edge.typeOnly)]));
const shown = (file) => relative(root, file);
const reports = [];
for (const members of circles(runtime)) {
  const edge = [...members].flatMap((file) => runtime.get(file)).find((item) => members.has(item.target));
  reports.push({ kind: 'runtime imports', circle: circleThrough(runtime, members, edge), members });
}
for (const members of circles(all)) {
  const edge = [...members].flatMap((file) => all.get(file)).find((item) => members.has(item.target) && dirname(item.from) !== dirname(item.target));
  const circle = edge && circleThrough(all, members, edge);
  // A circle of runtime imports alone is reported above already.
  if (circle && circle.some((item) => item.typeOnly)) reports.push({ kind: 'across folders, counting import type', circle, members });
}
for (const { kind, circle, members } of reports) {
  process.stderr.write(`\n${shown(circle[0].from)}:${circle[0].line}\n  error  Import circle (${kind}):\n`);
  for (const edge of circle) process.stderr.write(`    ${shown(edge.from)}:${edge.line} imports ${edge.typeOnly ? 'types of ' : ''}${shown(edge.target)}\n`);
  const others = [...members].filter((file) => !circle.some((edge) => edge.from === file));
  const named = others.slice(0, 5).map(shown).join(', ') + (others.length > 5 ? ` and ${others.length - 5} more files` : '');
  if (others.length > 0) process.stderr.write(`    (one circle of several: ${named} ${others.length === 1 ? 'is' : 'are'} in them too)\n`);
}
if (reports.length > 0) {
  process.stderr.write(`\n✖ ${reports.length} import circle${reports.length === 1 ? '' : 's'} (scripts/import-cycles.mjs); move what both sides need into a module of its own\n`);
  process.exitCode = 1;
}
