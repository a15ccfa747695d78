// Which values are intrinsic functions, and which functions the Conditions section allows (AWS
// docs, "Intrinsic function reference" and "Condition functions"): what the template reader, the
// reference checks and the dependency graph need to know without running the evaluator.
import { isRecord } from './records.js';

const CONDITION_FUNCTIONS = new Set(['Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or', 'Condition']);

/** True when `value` is a one-key mapping that names an intrinsic function. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** Whether a function name may appear in the Conditions section. */
export function isConditionFunction(name: string): boolean {
  return CONDITION_FUNCTIONS.has(name) || name === 'Ref' || name === 'Fn::FindInMap';
}
