// The limits every template reader and evaluator keeps, so that hostile or broken input ends in
// a clear error instead of a stack overflow or minutes of work: CloudFormation's own quotas where
// it has them ("CloudFormation quotas" in the AWS CloudFormation User Guide), local ones otherwise.

/**
 * Template size: CloudFormation's quota for a template in an S3 object (1 MB). Local templates are
 * files, which `aws cloudformation deploy` uploads to S3 once they pass the 51,200-byte quota of a
 * template body in a request, so the larger quota is the one that applies.
 */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * How deep mappings and lists may nest in a template. CloudFormation documents no such limit; real
 * templates stay far below it (a CodePipeline declaration or a Step Functions definition nests
 * 10 to 30 levels), and every recursive reader and evaluator of the local engine is safe well
 * beyond it.
 */
export const MAX_NESTING_DEPTH = 128;

/**
 * How large a resource's properties, an output or a string built by a function may grow once
 * evaluated. References copy values: a 400 KB mapping value named 20,000 times in a 1 MB template
 * would evaluate to 8 GB. CloudFormation documents no such limit; the template's own quota (1 MB)
 * is far above what any real resource needs.
 */
export const MAX_EVALUATED_BYTES = 1024 * 1024;

/** The size a value would have as text (strings by their length, other scalars counted small), or Infinity past `limit`; iterative. */
export function evaluatedSize(value: unknown, limit = MAX_EVALUATED_BYTES): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    size += typeof item === 'string' ? item.length + 2 : typeof item === 'object' && item !== null ? 2 : 8;
    if (size > limit) return Infinity;
    if (Array.isArray(item)) pending.push(...item);
    else if (typeof item === 'object' && item !== null) for (const [key, child] of Object.entries(item)) pending.push(key, child);
  }
  return size;
}

/** The problem message for a value that evaluates past MAX_EVALUATED_BYTES. */
export function tooLargeValueMessage(what: string): string {
  return `Template error: ${what} would be larger than ${MAX_EVALUATED_BYTES} bytes once evaluated (references copy their values); the local engine refuses it`;
}

/** The problem message for a template larger than MAX_TEMPLATE_BYTES. */
export function tooLargeMessage(bytes: number): string {
  return `Template format error: the template is ${bytes} bytes; CloudFormation accepts at most ${MAX_TEMPLATE_BYTES} bytes (1 MB, the quota for a template in S3): split it into nested stacks`;
}

/** The problem message for a value nested deeper than MAX_NESTING_DEPTH. */
export function tooDeepMessage(): string {
  return `Template format error: mappings and lists are nested more than ${MAX_NESTING_DEPTH} levels deep here; the local engine refuses deeper templates (no real template needs them)`;
}

/** Whether a plain value (from JSON.parse) nests deeper than MAX_NESTING_DEPTH; iterative, so any depth is safe. */
export function nestsTooDeep(value: unknown): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_NESTING_DEPTH) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Sets an own, enumerable property even for keys such as `__proto__`, which a plain assignment
 * would turn into a change of the object's prototype: keys from templates never reach
 * Object.prototype.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
