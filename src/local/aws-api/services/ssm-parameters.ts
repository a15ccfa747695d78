// SSM parameters as the API shows them: the Parameter shape (ARN, LastModifiedDate, Selector), a
// name with a version selector (`/app/db:3`), and which parameters a path holds
// (GetParametersByPath: one level below it, or every level with Recursive).
import { arn } from '../../../cloudformation/index.js';
import { SlipwayError } from '../../../errors.js';
import type { SsmParameterRecord } from '../../parameters/index.js';
import type { ApiContext } from '../handler.js';

/** A name as GetParameter takes it: the parameter's name and, after `:`, a version or a label. */
export interface ParameterSelector {
  name: string;
  selector?: string;
  version?: number;
}

/** Splits `name:selector` (a colon never appears in a parameter name). */
export function parseSelector(text: string): ParameterSelector {
  const at = text.lastIndexOf(':');
  if (at < 0 || text.startsWith('arn:')) return { name: text };
  const name = text.slice(0, at);
  const selector = text.slice(at + 1);
  return /^\d+$/.test(selector) ? { name, selector: `:${selector}`, version: Number(selector) } : { name, selector: `:${selector}` };
}

/**
 * The parameter a selector names. A label selects nothing here: labels are set by
 * LabelParameterVersion, which the local endpoint does not serve. A version that does not exist
 * is ParameterVersionNotFound, as in SSM.
 */
export function selectParameter(ctx: ApiContext, selector: ParameterSelector): SsmParameterRecord | undefined {
  const latest = ctx.account.parameters.get(selector.name);
  if (!latest || (selector.selector !== undefined && selector.version === undefined)) return undefined;
  if (selector.version === undefined) return latest;
  const found = ctx.account.parameters.get(selector.name, selector.version);
  if (!found) throw new SlipwayError('ParameterVersionNotFound', `Systems Manager could not find version ${selector.version} of ${selector.name}. Verify the version and try again.`);
  return found;
}

/** SSM's Parameter shape. A SecureString read without WithDecryption shows an opaque text, not its value. */
export function parameterShape(ctx: ApiContext, record: SsmParameterRecord, options: { decrypt: boolean; selector?: string }): Record<string, unknown> {
  const { accountId, region } = ctx.account.settings;
  const resource = record.name.startsWith('/') ? `parameter${record.name}` : `parameter/${record.name}`;
  return {
    Name: record.name,
    Type: record.type,
    Value: record.type === 'SecureString' && !options.decrypt ? sealed(record.value) : record.value,
    Version: record.version,
    ...(options.selector ? { Selector: options.selector } : {}),
    LastModifiedDate: new Date(record.lastModifiedDate ?? 0),
    ARN: arn({ service: 'ssm', region, accountId, resource }),
    DataType: record.dataType,
  };
}

/** The names `path` holds: one level below it, or all levels below with `recursive`, sorted. */
export function namesUnder(names: readonly string[], path: string, recursive: boolean): string[] {
  const base = path === '/' ? '/' : `${path.replace(/\/+$/, '')}/`;
  return names.filter((name) => name.startsWith(base) && name.length > base.length && (recursive || !name.slice(base.length).includes('/'))).sort();
}

// What SSM returns for a SecureString read without decryption is its ciphertext; no KMS runs
// locally, so this is an opaque stand-in that is never the value itself.
function sealed(value: string): string {
  return Buffer.from(`slipway-local-kms:alias/aws/ssm:${Buffer.from(value).toString('base64')}`).toString('base64');
}
