// Fault injection for the crash tests: `SLIPWAY_FAULTS="<point>#<n>=<action>,..."` makes this
// process, the n-th time it passes a named point of an operation, die at once (`kill`, SIGKILL:
// nothing runs after it, as when a machine or a user kills slipway) or freeze (`stop`, SIGSTOP,
// so a test can run a second command while the first holds a stack). Without the variable every
// point is a no-op. Points are named where they are passed (e.g. `stack.resource.provisioned`).
import { SlipwayError } from '../../errors.js';

/** Passes a named point; may not return. */
export type FaultPoint = (name: string) => void;

const ACTIONS = { kill: 'SIGKILL', stop: 'SIGSTOP' } as const;

/** The fault points a `SLIPWAY_FAULTS` value asks for (none when it is unset or empty). */
export function faultPoints(spec: string | undefined): FaultPoint {
  if (!spec) return () => {};
  const wanted = new Map<string, { at: number; action: keyof typeof ACTIONS }>();
  for (const entry of spec.split(',').map((text) => text.trim()).filter(Boolean)) {
    const match = /^([\w.-]+)(?:#(\d+))?=(kill|stop)$/.exec(entry);
    if (!match) throw new SlipwayError('InvalidFaults', `SLIPWAY_FAULTS: expected <point>[#n]=kill|stop, found "${entry}"`);
    wanted.set(match[1]!, { at: Number(match[2] ?? 1), action: match[3] as keyof typeof ACTIONS });
  }
  const passed = new Map<string, number>();
  return (name) => {
    const fault = wanted.get(name);
    if (!fault) return;
    const count = (passed.get(name) ?? 0) + 1;
    passed.set(name, count);
    if (count === fault.at) process.kill(process.pid, ACTIONS[fault.action]);
  };
}
