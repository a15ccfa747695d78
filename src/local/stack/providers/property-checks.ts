// Small checks of property values shared by providers, each returning AWS-style messages.
import { isRecord } from '../../../cloudformation/index.js';

/** Collects `Property: message` problems. */
export class PropertyChecks {
  readonly problems: string[] = [];
  constructor(private readonly properties: Record<string, unknown>) {}

  /** The property must be present. */
  required(...names: string[]): this {
    for (const name of names) {
      if (this.properties[name] === undefined || this.properties[name] === null || this.properties[name] === '') this.problems.push(`#: required key [${name}] not found`);
    }
    return this;
  }

  /** When present, the property must be one of `values`. */
  oneOf(name: string, values: readonly string[], value: unknown = this.properties[name]): this {
    if (value !== undefined && !values.includes(String(value))) this.problems.push(`#/${name}: '${String(value)}' is not a valid enum value; expected one of ${values.join(', ')}`);
    return this;
  }

  /** When present, the property must match `pattern` and fit the length range. */
  pattern(name: string, pattern: RegExp, min: number, max: number, value: unknown = this.properties[name]): this {
    if (value === undefined) return this;
    const text = String(value);
    if (text.length < min || text.length > max) this.problems.push(`#/${name}: '${text}' must be ${min} to ${max} characters long (it has ${text.length})`);
    else if (!pattern.test(text)) this.problems.push(`#/${name}: '${text}' does not match the pattern ${pattern.source}`);
    return this;
  }

  /** When present, the property must be an integer within the range. */
  integer(name: string, min: number, max: number, value: unknown = this.properties[name]): this {
    if (value === undefined) return this;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) this.problems.push(`#/${name}: ${JSON.stringify(value)} must be an integer from ${min} to ${max}`);
    return this;
  }

  /** When present, the property must be a list. */
  list(name: string): this {
    const value = this.properties[name];
    if (value !== undefined && !Array.isArray(value)) this.problems.push(`#/${name}: expected type: JSONArray, found: ${typeof value === 'object' ? 'JSONObject' : typeof value}`);
    return this;
  }

  /** Adds a problem when `condition` holds. */
  when(condition: boolean, message: string): this {
    if (condition) this.problems.push(message);
    return this;
  }
}

/**
 * A policy document as CloudFormation accepts it: a mapping or a JSON string, with `Statement`
 * a list or one mapping; each statement has Effect Allow|Deny and Action or NotAction.
 */
export function policyDocumentProblems(document: unknown, name: string, options: { trust?: boolean } = {}): string[] {
  const parsed = typeof document === 'string' ? parseJson(document) : document;
  if (!isRecord(parsed)) return [`#/${name}: a policy document must be a JSON object (a mapping or a JSON string)`];
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement === undefined ? [] : [parsed.Statement];
  if (statements.length === 0) return [`#/${name}: MalformedPolicyDocument: the policy has no Statement`];
  const problems: string[] = [];
  statements.forEach((statement, index) => {
    const where = `#/${name}/Statement/${index}`;
    if (!isRecord(statement)) return problems.push(`${where}: a statement must be a mapping`);
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') problems.push(`${where}: MalformedPolicyDocument: Effect must be Allow or Deny, got ${JSON.stringify(statement.Effect)}`);
    if (statement.Action === undefined && statement.NotAction === undefined) problems.push(`${where}: MalformedPolicyDocument: the statement has no Action or NotAction`);
    if (options.trust && statement.Principal === undefined && statement.NotPrincipal === undefined) problems.push(`${where}: MalformedPolicyDocument: a trust policy statement needs a Principal`);
    return undefined;
  });
  return problems;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
