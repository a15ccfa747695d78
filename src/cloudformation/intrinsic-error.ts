// What an intrinsic function raises when CloudFormation could not compute its value ("Template
// error: ..."), with the path of the function, and the one conversion every function that needs a
// string shares. The evaluator and the functions kept in files of their own both throw these.
import type { PathKey } from '../yaml/located-document.js';

/** A value CloudFormation cannot compute, with the path of the function that failed. */
export class IntrinsicError extends Error {
  constructor(message: string, readonly path: readonly PathKey[]) {
    super(message);
    this.name = 'IntrinsicError';
  }
}

/** A scalar as a string; lists and mappings are an error where CloudFormation needs a string. */
export function stringOf(value: unknown, what: string, path: readonly PathKey[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new IntrinsicError(`Template error: ${what} must be a string; got ${JSON.stringify(value) ?? 'nothing'}`, path);
}
