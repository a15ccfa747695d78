// Reading Secrets Manager's inputs and secrets: the secret a SecretId names (and whether it may
// be used while its deletion is scheduled), the value of a call (SecretString or SecretBinary,
// never both), and a version's value in GetSecretValue's shape.
import { SlipwayError } from '../../../errors.js';
import type { SecretRecord, SecretVersion } from '../../parameters/index.js';
import type { ApiContext } from '../handler.js';
import type { OperationInput } from './operation-input.js';

/** The secret a SecretId (name, ARN or partial ARN) names; ResourceNotFoundException when there is none. */
export function requireSecret(ctx: ApiContext, secretId: string): SecretRecord {
  const secret = ctx.account.parameters.getSecret(secretId);
  if (!secret) throw new SlipwayError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  return secret;
}

/** A secret that may be read or written: one scheduled for deletion can be described, deleted for good or restored, nothing else. */
export function usableSecret(ctx: ApiContext, secretId: string): SecretRecord {
  const secret = requireSecret(ctx, secretId);
  if (secret.deletedDate) throw new SlipwayError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
  return secret;
}

/** SecretString or SecretBinary (never both); `required` for PutSecretValue. */
export function valueOf(reader: OperationInput, required: boolean): { secretString?: string; secretBinary?: Buffer } | undefined {
  const secretString = reader.optionalString('SecretString');
  const secretBinary = reader.optionalBlob('SecretBinary');
  if (secretString !== undefined && secretBinary !== undefined) throw reader.fail("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (secretString === undefined && secretBinary === undefined) {
    if (required) throw reader.fail('You must provide either SecretString or SecretBinary.');
    return undefined;
  }
  return secretBinary !== undefined ? { secretBinary } : { secretString };
}

/** A version's value as GetSecretValue gives it. */
export function valueShape(version: SecretVersion): { SecretString: string } | { SecretBinary: Buffer } {
  return version.secretBinary ? { SecretBinary: version.secretBinary } : { SecretString: version.secretString };
}

/** Whether two binary values are the same (both absent counts). */
export function sameBytes(one: Buffer | undefined, other: Buffer | undefined): boolean {
  return one === undefined ? other === undefined : other !== undefined && one.equals(other);
}
