// Physical names and ARNs in AWS's shapes, so values built from Ref and GetAtt look like AWS's.
import { randomBytes, randomUUID } from 'node:crypto';
import { arn } from '../../../cloudformation/index.js';
import type { ProviderContext } from './provider.js';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` random characters from A-Z and 0-9, like the suffix of generated physical names. */
export function randomSuffix(length: number, alphabet = UPPER_ALNUM): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * A generated physical name: `<stack>-<logicalId>-<12 random characters>`, the stack name and
 * logical id cut so the whole fits `maxLength` (AWS docs, "Name type": CloudFormation generates
 * a unique physical ID from the stack name, the logical ID and a random string).
 */
export function generatedName(stackName: string, logicalId: string, maxLength: number, options: { lowercase?: boolean; separator?: string } = {}): string {
  const separator = options.separator ?? '-';
  const suffix = randomSuffix(12);
  const room = Math.max(2, maxLength - suffix.length - 2 * separator.length);
  const stackPart = stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = logicalId.slice(0, room - stackPart.length);
  const name = `${stackPart}${separator}${logicalPart}${separator}${suffix}`;
  return options.lowercase ? name.toLowerCase() : name;
}

/** The ARN of a resource of the stack's account and region; global services pass region '' (the partition still follows the stack's region). */
export function arnOf(ctx: Pick<ProviderContext, 'accountId' | 'region'>, service: string, resource: string, options: { region?: string; account?: string } = {}): string {
  return arn({ service, region: options.region ?? ctx.region, accountId: options.account ?? ctx.accountId, resource }, ctx.region);
}

/** A random UUID, for key ids, connection ids and repository ids. */
export function newId(): string {
  return randomUUID();
}

/** The name given in `property`, or a generated one. */
export function nameOrGenerated(
  ctx: ProviderContext, properties: Record<string, unknown>, property: string, maxLength: number,
  options?: { lowercase?: boolean },
): string {
  const given = properties[property];
  return typeof given === 'string' && given !== '' ? given : ctx.generateName(maxLength, options);
}
