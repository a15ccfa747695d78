// Secrets Manager's operations on the account's secrets (src/local/parameters): versions with
// staging labels (AWSCURRENT, AWSPREVIOUS, and any of the caller's), string or binary values,
// and deletion after a recovery window (Secrets Manager API reference; "Secret versions").
import { randomBytes, randomUUID } from 'node:crypto';
import { arn } from '../../../cloudformation/index.js';
import { SlipwayError } from '../../../errors.js';
import type { SecretRecord } from '../../parameters/index.js';
import { OperationInput } from './operation-input.js';
import { requireSecret, sameBytes, usableSecret, valueOf, valueShape } from './secret-values.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** Secrets Manager's errors (its API reference: client errors are HTTP 400). */
export const SECRETS_MANAGER_ERRORS: ServiceErrors = {
  fallback: 'InvalidParameterException',
  codes: Object.fromEntries(['InvalidParameterException', 'InvalidRequestException', 'ResourceNotFoundException', 'ResourceExistsException', 'LimitExceededException',
    'MalformedPolicyDocumentException', 'PreconditionNotMetException', 'DecryptionFailure', 'EncryptionFailure'].map((code) => [code, 400])),
};

const NAME = { test: /^[A-Za-z0-9/_+=.@-]{1,512}$/, says: 'Member must satisfy regular expression pattern: [A-Za-z0-9/_+=.@-]+ (1 to 512 characters)' };
const TOKEN = { test: /^.{32,64}$/, says: 'Member must have length between 32 and 64' };
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DAY_MS = 24 * 60 * 60 * 1000;

const read = (input: Record<string, unknown>) => new OperationInput(input, SECRETS_MANAGER_ERRORS.fallback);

/** Secrets Manager's operations, by name. */
export const secretsManagerHandlers = withServiceErrors({
  CreateSecret: (input, ctx) => {
    const reader = read(input);
    const name = reader.string('Name', NAME);
    const value = valueOf(reader, false);
    const existing = ctx.account.parameters.getSecret(name);
    if (existing?.deletedDate) throw new SlipwayError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
    if (existing) throw new SlipwayError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    const { accountId, region } = ctx.account.settings;
    const secretArn = arn({ service: 'secretsmanager', region, accountId, resource: `secret:${name}-${[...randomBytes(6)].map((byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('')}` });
    const tags = reader.optionalList('Tags') as SecretRecord['tags'];
    if (!ctx.account.parameters.createSecret({ arn: secretArn, name, description: reader.optionalString('Description'), kmsKeyId: reader.optionalString('KmsKeyId'), tags })) {
      throw new SlipwayError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    }
    if (!value) return { ARN: secretArn, Name: name };
    const versionId = reader.optionalString('ClientRequestToken') !== undefined ? reader.string('ClientRequestToken', TOKEN) : randomUUID();
    ctx.account.parameters.addSecretVersion(secretArn, { versionId, ...value });
    return { ARN: secretArn, Name: name, VersionId: versionId };
  },
  PutSecretValue: (input, ctx) => {
    const reader = read(input);
    const secret = usableSecret(ctx, reader.string('SecretId'));
    const value = valueOf(reader, true)!;
    const versionId = reader.optionalString('ClientRequestToken') !== undefined ? reader.string('ClientRequestToken', TOKEN) : randomUUID();
    const stages = reader.optionalStrings('VersionStages', 20);
    const same = ctx.account.parameters.secretVersions(secret.arn).find((version) => version.versionId === versionId);
    // A repeated request (same token, same value) is answered again; another value under that token is refused.
    if (same && (same.secretString !== (value.secretString ?? '') || !sameBytes(same.secretBinary, value.secretBinary))) {
      throw new SlipwayError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
    }
    const versionStages = same ? same.stages : ctx.account.parameters.addSecretVersion(secret.arn, { versionId, ...value, stages });
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: versionStages };
  },
  GetSecretValue: (input, ctx) => {
    const reader = read(input);
    const secret = usableSecret(ctx, reader.string('SecretId'));
    const versionId = reader.optionalString('VersionId');
    const versionStage = reader.optionalString('VersionStage');
    const version = ctx.account.parameters.getSecretVersion({ secretId: secret.arn, versionId, versionStage });
    if (!version) {
      const which = versionId !== undefined ? `VersionId: ${versionId}` : `staging label: ${versionStage ?? 'AWSCURRENT'}`;
      throw new SlipwayError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${which}`);
    }
    return {
      ARN: secret.arn, Name: secret.name, VersionId: version.versionId, ...valueShape(version), VersionStages: version.stages,
      CreatedDate: new Date(version.createdDate ?? 0),
    };
  },
  DescribeSecret: (input, ctx) => {
    const secret = requireSecret(ctx, read(input).string('SecretId'));
    const staged = ctx.account.parameters.secretVersions(secret.arn).filter((version) => version.stages.length > 0);
    return {
      ARN: secret.arn, Name: secret.name, ...(secret.description ? { Description: secret.description } : {}),
      ...(secret.kmsKeyId ? { KmsKeyId: secret.kmsKeyId } : {}),
      RotationEnabled: false, LastChangedDate: new Date(secret.lastChangedDate ?? 0),
      ...(secret.deletedDate ? { DeletedDate: new Date(secret.deletedDate) } : {}),
      ...(secret.tags ? { Tags: secret.tags } : {}),
      VersionIdsToStages: Object.fromEntries(staged.map((version) => [version.versionId, version.stages])),
      CreatedDate: new Date(secret.createdDate ?? 0),
    };
  },
  DeleteSecret: (input, ctx) => {
    const reader = read(input);
    const secret = requireSecret(ctx, reader.string('SecretId'));
    const force = reader.optionalBoolean('ForceDeleteWithoutRecovery') ?? false;
    const days = reader.optionalInteger('RecoveryWindowInDays', 7, 30);
    if (force && days !== undefined) throw reader.fail("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    if (force) {
      ctx.account.parameters.deleteSecret(secret.arn);
      return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date() };
    }
    if (secret.deletedDate) throw new SlipwayError('InvalidRequestException', "You can't perform this operation on the secret because it was already scheduled for deletion.");
    const deletionDate = new Date(Date.now() + (days ?? 30) * DAY_MS);
    ctx.account.parameters.scheduleSecretDeletion(secret.arn, deletionDate);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: deletionDate };
  },
}, SECRETS_MANAGER_ERRORS);
