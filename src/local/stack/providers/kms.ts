// AWS::KMS::Key and AWS::KMS::Alias: recorded (nothing is encrypted locally), with AWS's ids.
import { arnOf, newId } from './naming.js';
import { PropertyChecks, policyDocumentProblems } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

const KEY_SPECS = ['SYMMETRIC_DEFAULT', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2'];

/**
 * AWS::KMS::Key: Ref is the key id (a UUID). Changing KeySpec, KeyUsage, Origin or MultiRegion
 * fails the update whatever the UpdateReplacePolicy, so that no key is deleted by accident
 * (AWS resource reference, AWS::KMS::Key).
 */
export const keyProvider: ResourceProvider = {
  immutable: ['KeySpec', 'KeyUsage', 'MultiRegion', 'Origin'],
  ...recordedProvider({
    type: 'AWS::KMS::Key',
    properties: RESOURCE_PROPERTY_NAMES['AWS::KMS::Key'],
    maxNameLength: 64,
    replaceOn: [],
    validate(properties) {
      const checks = new PropertyChecks(properties).oneOf('KeySpec', KEY_SPECS).oneOf('KeyUsage', ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'])
        .integer('PendingWindowInDays', 7, 30);
      if (properties.KeyPolicy !== undefined) checks.problems.push(...policyDocumentProblems(properties.KeyPolicy, 'KeyPolicy'));
      return checks.problems;
    },
    identity(ctx, _name, _properties, previous) {
      const keyId = String(previous?.attributes.KeyId ?? newId());
      return { physicalId: keyId, ref: keyId, attributes: { KeyId: keyId, Arn: arnOf(ctx, 'kms', `key/${keyId}`) } };
    },
  }),
};

/** AWS::KMS::Alias: Ref is the alias name; names start with `alias/` and never `alias/aws/` (KMS CreateAlias). */
export const aliasProvider: ResourceProvider = recordedProvider({
  type: 'AWS::KMS::Alias',
  properties: RESOURCE_PROPERTY_NAMES['AWS::KMS::Alias'],
  nameProperty: 'AliasName',
  maxNameLength: 256,
  replaceOn: ['AliasName'],
  validate(properties) {
    return new PropertyChecks(properties).required('AliasName', 'TargetKeyId').pattern('AliasName', /^alias\/[a-zA-Z0-9/_-]+$/, 7, 256)
      .when(String(properties.AliasName ?? '').startsWith('alias/aws/'), '#/AliasName: alias names beginning with alias/aws/ are reserved for AWS managed keys').problems;
  },
  identity(_ctx, name) {
    return { physicalId: name, ref: name, attributes: {} };
  },
});
