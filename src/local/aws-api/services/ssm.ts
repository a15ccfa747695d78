// SSM Parameter Store's operations on the account's parameters (src/local/parameters): the same
// store that templates, dynamic references and builds' `parameter-store` read.
import { SlipwayError } from '../../../errors.js';
import { pageOf } from './next-token.js';
import { OperationInput } from './operation-input.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';
import { namesUnder, parameterShape, parseSelector, selectParameter } from './ssm-parameters.js';
import { parameterToPut } from './ssm-put.js';

/** SSM's errors (SSM API reference: client errors are HTTP 400). */
export const SSM_ERRORS: ServiceErrors = {
  fallback: 'ValidationException',
  codes: Object.fromEntries(['ValidationException', 'ParameterNotFound', 'ParameterVersionNotFound', 'ParameterAlreadyExists', 'ParameterPatternMismatchException',
    'HierarchyLevelLimitExceededException', 'InvalidFilterKey', 'InvalidFilterOption', 'InvalidFilterValue', 'InvalidNextToken', 'UnsupportedParameterType'].map((code) => [code, 400])),
};

const read = (input: Record<string, unknown>) => new OperationInput(input, SSM_ERRORS.fallback);
const notFound = (name: string) => new SlipwayError('ParameterNotFound', `Parameter ${name} not found.`);

/** SSM's parameter operations, by name. */
export const ssmHandlers = withServiceErrors({
  GetParameter: (input, ctx) => {
    const reader = read(input);
    const selector = parseSelector(reader.string('Name'));
    const found = selectParameter(ctx, selector);
    if (!found) throw notFound(reader.string('Name'));
    return { Parameter: parameterShape(ctx, found, { decrypt: reader.optionalBoolean('WithDecryption') ?? false, selector: selector.selector }) };
  },
  GetParameters: (input, ctx) => {
    const reader = read(input);
    const decrypt = reader.optionalBoolean('WithDecryption') ?? false;
    const Parameters: Record<string, unknown>[] = [];
    const InvalidParameters: string[] = [];
    for (const name of new Set(reader.strings('Names', 1, 10))) {
      const selector = parseSelector(name);
      const found = existingOrUndefined(() => selectParameter(ctx, selector));
      if (found) Parameters.push(parameterShape(ctx, found, { decrypt, selector: selector.selector }));
      else InvalidParameters.push(name);
    }
    return { Parameters, InvalidParameters };
  },
  GetParametersByPath: (input, ctx) => {
    const reader = read(input);
    const path = reader.string('Path', { test: /^\/[a-zA-Z0-9_./-]*$/, says: 'Member must be a path beginning with a forward slash (/)' });
    const keep = typeFilter(reader);
    const records = namesUnder(ctx.account.parameters.listParameters(), path, reader.optionalBoolean('Recursive') ?? false)
      .map((name) => ctx.account.parameters.get(name)!)
      .filter(keep);
    const page = pageOf(records, {
      keyOf: (record) => record.name, size: reader.optionalInteger('MaxResults', 1, 10) ?? 10, token: reader.optionalString('NextToken'), sortedByKey: true,
      invalidToken: () => new SlipwayError('InvalidNextToken', 'The specified token is not valid.'),
    });
    const decrypt = reader.optionalBoolean('WithDecryption') ?? false;
    return { Parameters: page.items.map((record) => parameterShape(ctx, record, { decrypt })), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
  PutParameter: (input, ctx) => {
    const reader = read(input);
    const record = parameterToPut(reader, ctx.account.parameters.get(reader.string('Name')));
    return { Version: ctx.account.parameters.put(record), Tier: record.tier };
  },
  DeleteParameter: (input, ctx) => {
    const name = read(input).string('Name');
    if (!ctx.account.parameters.get(name)) throw notFound(name);
    ctx.account.parameters.delete(name);
    return {};
  },
}, SSM_ERRORS);

// GetParameters lists a missing version among InvalidParameters instead of failing.
function existingOrUndefined<T>(find: () => T | undefined): T | undefined {
  try {
    return find();
  } catch (error) {
    if (error instanceof SlipwayError && error.code === 'ParameterVersionNotFound') return undefined;
    throw error;
  }
}

/**
 * GetParametersByPath's ParameterFilters: Type (Equals) and KeyId select; Label selects nothing
 * (no labels locally); other keys are not valid for this operation (SSM answers InvalidFilterKey).
 */
function typeFilter(reader: OperationInput): (record: { type: string }) => boolean {
  const filters = (reader.optionalList('ParameterFilters') ?? []) as { Key?: string; Option?: string; Values?: string[] }[];
  const tests = filters.map((filter) => {
    const option = filter.Option ?? 'Equals';
    if (filter.Key === 'Type' || filter.Key === 'KeyId') {
      if (option !== 'Equals') throw new SlipwayError('InvalidFilterOption', `The following filter option is not valid: ${option}. Valid options include: [Equals].`);
      const values = filter.Values ?? [];
      // No KMS keys locally: every SecureString uses the default key alias/aws/ssm.
      return filter.Key === 'Type' ? (record: { type: string }) => values.includes(record.type) : (record: { type: string }) => record.type === 'SecureString' && values.includes('alias/aws/ssm');
    }
    if (filter.Key === 'Label') return () => false;
    throw new SlipwayError('InvalidFilterKey', `The following filter key is not valid: ${String(filter.Key)}. Valid filter keys include: [Type, KeyId, Label].`);
  });
  return (record) => tests.every((test) => test(record));
}
