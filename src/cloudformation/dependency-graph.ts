// The order resources are created in: each after everything it references (Ref, Fn::GetAtt,
// Fn::Sub variables) or names in DependsOn. A cycle is reported with every resource in it, as
// CloudFormation does ("Circular dependency between resources: [A, B]").

/** Resources in creation order, or the cycles that prevent one. */
export type OrderResult = { ok: true; order: string[] } | { ok: false; cycles: string[][] };

/** Orders `nodes` so each comes after its dependencies; ties keep the given order. */
export function creationOrder(nodes: string[], dependencies: Record<string, string[]>): OrderResult {
  const remaining = new Map(nodes.map((node) => [node, new Set(dependencies[node] ?? [])]));
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.keys()].filter((node) => [...remaining.get(node)!].every((dependency) => !remaining.has(dependency)));
    if (ready.length === 0) return { ok: false, cycles: stronglyConnected([...remaining.keys()], dependencies) };
    for (const node of ready) {
      order.push(node);
      remaining.delete(node);
    }
  }
  return { ok: true, order };
}

/** Groups of nodes that depend on each other (Tarjan's algorithm), keeping only real cycles. */
function stronglyConnected(nodes: string[], dependencies: Record<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of dependencies[node] ?? []) {
      if (!nodes.includes(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      const selfLoop = (dependencies[node] ?? []).includes(node);
      if (group.length > 1 || selfLoop) groups.push(group.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return groups;
}
