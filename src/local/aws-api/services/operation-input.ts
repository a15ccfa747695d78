// Reading an operation's input members as the API model names them, and refusing a bad one the
// way the service does: under the service's own validation error code, with AWS's wording
// ("1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint:
// Member must not be null").
import { SlipwayError } from '../../../errors.js';

/** The input of one call, read with the error code its service answers bad requests with. */
export class OperationInput {
  constructor(
    readonly input: Record<string, unknown>,
    /** ECR: InvalidParameterException, CloudFormation: ValidationError, CodeBuild: InvalidInputException, ... */
    readonly errorCode: string,
  ) {}

  /** A string member, or undefined when absent. */
  optionalString(name: string): string | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.invalid(name, value, 'Member must be a string');
    return value;
  }

  /** A string member the operation requires. */
  string(name: string, pattern?: { test: RegExp; says: string }): string {
    const value = this.optionalString(name);
    if (value === undefined) throw this.invalid(name, null, 'Member must not be null');
    if (pattern && !pattern.test.test(value)) throw this.invalid(name, value, pattern.says);
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw this.invalid(name, value, 'Member must be a boolean');
    return value;
  }

  /** A whole number member within `min`..`max` (AWS's "Member must have value less than or equal to ..."). */
  optionalInteger(name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.invalid(name, value, 'Member must be an integer');
    if (value < min) throw this.invalid(name, value, `Member must have value greater than or equal to ${min}`);
    if (value > max) throw this.invalid(name, value, `Member must have value less than or equal to ${max}`);
    return value;
  }

  /** A list member, or undefined when absent; `max` is the model's length limit. */
  optionalList(name: string, max = Number.MAX_SAFE_INTEGER): unknown[] | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.invalid(name, value, 'Member must be a list');
    if (value.length > max) throw this.invalid(name, `[${value.length} items]`, `Member must have length less than or equal to ${max}`);
    return value;
  }

  /** A list of strings the operation requires, with at least `min` of them. */
  strings(name: string, min = 1, max = Number.MAX_SAFE_INTEGER): string[] {
    const list = this.optionalList(name, max);
    if (list === undefined) throw this.invalid(name, null, 'Member must not be null');
    if (list.length < min) throw this.invalid(name, '[]', `Member must have length greater than or equal to ${min}`);
    return list.map((item, index) => {
      if (typeof item !== 'string') throw this.invalid(`${name}.${index + 1}.member`, item, 'Member must be a string');
      return item;
    });
  }

  /** An optional list of strings. */
  optionalStrings(name: string, max?: number): string[] | undefined {
    return this.input[name] === undefined || this.input[name] === null ? undefined : this.strings(name, 0, max);
  }

  /** A structure (or map) member, or undefined when absent. */
  optionalRecord(name: string): Record<string, unknown> | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value)) throw this.invalid(name, value, 'Member must be a structure');
    return value as Record<string, unknown>;
  }

  /** A blob member (a Buffer, as the wire layer hands blobs over), or undefined when absent. */
  optionalBlob(name: string): Buffer | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (value instanceof Uint8Array) return Buffer.from(value);
    if (typeof value === 'string') return Buffer.from(value);
    throw this.invalid(name, value, 'Member must be a blob');
  }

  /** AWS's validation failure for one member. */
  invalid(name: string, value: unknown, constraint: string): SlipwayError {
    const shown = value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    return new SlipwayError(this.errorCode, `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  /** A failure of this service's validation code with a message of the operation's own. */
  fail(message: string): SlipwayError {
    return new SlipwayError(this.errorCode, message);
  }
}
