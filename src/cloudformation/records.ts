// Plain records as a template holds them: a mapping test, and lookups by own key only, so that a
// template name such as `toString` or `constructor` never reaches Object.prototype. The reader,
// the evaluator and the planner all need these and must not import one another for them.

/** True for a plain mapping (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record's own entry: template names such as `toString` or `constructor` must never reach Object.prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
