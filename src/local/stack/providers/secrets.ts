// AWS::SecretsManager::Secret: stored in the state database; GenerateSecretString is honoured.
import { randomBytes } from 'node:crypto';
import { isRecord } from '../../../cloudformation/index.js';
import { SlipwayError } from '../../../errors.js';
import { arnOf, randomSuffix } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ProviderContext, ProviderServices, ResourceProvider } from './provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** AWS::SecretsManager::Secret: Ref and GetAtt Id are the ARN, which ends in `-` and 6 random characters. */
export function secretProvider(table: (ctx: ProviderContext) => ProviderServices['parameters']): ResourceProvider {
  const write = (ctx: ProviderContext, arn: string, name: string, properties: Record<string, unknown>, previous?: string) => {
    const secretString = typeof properties.SecretString === 'string' ? properties.SecretString : previous ?? generate(properties.GenerateSecretString);
    table(ctx).putSecret({
      arn, name, secretString, description: properties.Description as string | undefined,
      kmsKeyId: properties.KmsKeyId as string | undefined,
    });
    return { physicalId: arn, ref: arn, attributes: { Id: arn }, internal: { name } };
  };
  return {
    properties: RESOURCE_PROPERTY_NAMES['AWS::SecretsManager::Secret'],
    replaceOn: ['Name'],
    nameProperty: 'Name',
    validate(properties) {
      return new PropertyChecks(properties).pattern('Name', /^[A-Za-z0-9/_+=.@-]+$/, 1, 512)
        .when(properties.SecretString !== undefined && properties.GenerateSecretString !== undefined, '#: SecretString and GenerateSecretString cannot both be given').problems;
    },
    async create(ctx, properties) {
      const name = typeof properties.Name === 'string' ? properties.Name : `${ctx.logicalId}-${randomSuffix(12, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`;
      if (table(ctx).getSecret(name)) throw new SlipwayError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`, { kind: 'failed' });
      const arn = arnOf(ctx, 'secretsmanager', `secret:${name}-${randomSuffix(6, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`);
      ctx.claim(arn, { name });
      return Promise.resolve(write(ctx, arn, name, properties));
    },
    async update(ctx, current, properties) {
      // A changed GenerateSecretString does not regenerate the value on update (as in AWS).
      const previous = table(ctx).getSecret(current.physicalId)?.secretString;
      return Promise.resolve(write(
        ctx, current.physicalId, String(current.internal.name), properties,
        properties.SecretString === undefined ? previous : undefined,
      ));
    },
    async delete(ctx, current) {
      table(ctx).deleteSecret(current.physicalId);
      return Promise.resolve();
    },
  };
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** A random secret per GenerateSecretString (Secrets Manager GetRandomPassword defaults: 32 characters, all classes). */
export function generate(options: unknown): string {
  const settings = isRecord(options) ? options : {};
  const length = Number(settings.PasswordLength ?? 32);
  let alphabet = '';
  if (settings.ExcludeLowercase !== true) alphabet += 'abcdefghijklmnopqrstuvwxyz';
  if (settings.ExcludeUppercase !== true) alphabet += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (settings.ExcludeNumbers !== true) alphabet += '0123456789';
  if (settings.ExcludePunctuation !== true) alphabet += PUNCTUATION;
  if (settings.IncludeSpace === true) alphabet += ' ';
  const excluded = String(settings.ExcludeCharacters ?? '');
  alphabet = [...alphabet].filter((character) => !excluded.includes(character)).join('');
  const password = [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
  if (typeof settings.SecretStringTemplate === 'string' && typeof settings.GenerateStringKey === 'string') {
    const template = JSON.parse(settings.SecretStringTemplate) as Record<string, unknown>;
    return JSON.stringify({ ...template, [settings.GenerateStringKey]: password });
  }
  return password;
}
