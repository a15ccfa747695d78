// The order resources are created in: each after everything it references (Ref, Fn::GetAtt,
// Fn::Sub variables) or names in DependsOn. A cycle is reported with every resource in it, as
// CloudFormation does ("Circular dependency between resources: [A, B]"). Both run in linear time
// and without recursion, so a long chain of conditions or resources costs no more than its length.

/** Resources in creation order, or the cycles that prevent one. */
export type OrderResult = { ok: true; order: string[] } | { ok: false; cycles: string[][] };

/** Orders `nodes` in waves: each wave is every node whose dependencies came before, in the given order. */
export function creationOrder(nodes: string[], dependencies: Record<string, string[]>): OrderResult {
  const index = new Map(nodes.map((node, position) => [node, position]));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    const known = [...new Set(ownList(dependencies, node))].filter((dependency) => index.has(dependency));
    waiting.set(node, known.length);
    for (const dependency of known) {
      if (!dependents.has(dependency)) dependents.set(dependency, []);
      dependents.get(dependency)!.push(node);
    }
  }
  const order: string[] = [];
  let wave = nodes.filter((node) => waiting.get(node) === 0);
  while (wave.length > 0) {
    order.push(...wave);
    const next: string[] = [];
    for (const node of wave) {
      for (const dependent of dependents.get(node) ?? []) {
        const left = waiting.get(dependent)! - 1;
        waiting.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    wave = next.sort((a, b) => index.get(a)! - index.get(b)!);
  }
  if (order.length === nodes.length) return { ok: true, order };
  const done = new Set(order);
  return { ok: false, cycles: stronglyConnected(nodes.filter((node) => !done.has(node)), dependencies) };
}

function ownList(dependencies: Record<string, string[]>, node: string): string[] {
  return Object.hasOwn(dependencies, node) ? dependencies[node]! : [];
}

/** Groups of nodes that depend on each other (Tarjan's algorithm with an explicit stack), keeping only real cycles. */
function stronglyConnected(nodes: string[], dependencies: Record<string, string[]>): string[][] {
  const members = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const edgesOf = (node: string) => ownList(dependencies, node).filter((target) => members.has(target));
    const frames: { node: string; edges: string[]; next: number }[] = [{ node: root, edges: edgesOf(root), next: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.edges.length) {
        const target = frame.edges[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, index.size);
          low.set(target, index.get(target)!);
          stack.push(target);
          onStack.add(target);
          frames.push({ node: target, edges: edgesOf(target), next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) groups.push(popGroup(frame.node, stack, onStack));
    }
  }
  return groups.filter((group) => group.length > 1 || ownList(dependencies, group[0]!).includes(group[0]!)).map((group) => group.sort());
}

function popGroup(node: string, stack: string[], onStack: Set<string>): string[] {
  const group: string[] = [];
  let member: string;
  do {
    member = stack.pop()!;
    onStack.delete(member);
    group.push(member);
  } while (member !== node);
  return group;
}
