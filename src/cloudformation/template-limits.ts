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
