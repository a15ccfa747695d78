// PutParameter's rules (SSM API reference, PutParameter; "Requirements and constraints for
// parameter names"): names of letters, digits and `_.-/`, not beginning with aws or ssm, a path
// begins with `/` and has at most 15 levels; a type when a parameter is created; values up to
// 4 KB (Standard) or 8 KB (Advanced); AllowedPattern checked against the value.
import { SlipwayError } from '../../../errors.js';
import type { SsmParameterRecord } from '../../parameters/index.js';
import type { OperationInput } from './operation-input.js';

const NAME = /^[a-zA-Z0-9_./-]{1,2048}$/;
const TYPES = ['String', 'StringList', 'SecureString'];
const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'];
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
const STANDARD_VALUE_LIMIT = 4096;
const ADVANCED_VALUE_LIMIT = 8192;

/** The parameter PutParameter writes, or the error SSM answers with. */
export function parameterToPut(reader: OperationInput, existing: SsmParameterRecord | undefined): SsmParameterRecord {
  const name = checkedName(reader);
  const value = reader.string('Value');
  const overwrite = reader.optionalBoolean('Overwrite') ?? false;
  if (existing && !overwrite) throw new SlipwayError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  if (overwrite && reader.optionalList('Tags')) throw reader.fail('Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.');
  const type = reader.optionalString('Type') ?? existing?.type;
  if (type === undefined) throw reader.fail('A parameter type is required when you create a parameter.');
  if (!TYPES.includes(type)) throw reader.invalid('Type', type, `Member must satisfy enum value set: [${TYPES.join(', ')}]`);
  const tier = tierOf(reader, value, existing);
  const dataType = reader.optionalString('DataType') ?? existing?.dataType ?? 'text';
  if (!DATA_TYPES.includes(dataType)) throw reader.fail(`The following data type is not supported: ${dataType} (use ${DATA_TYPES.join(', ')})`);
  if (dataType === 'aws:ec2:image' && !/^ami-[0-9a-z]{8,17}$/.test(value)) throw reader.fail(`Invalid AMI ID format: ${value}`);
  const allowedPattern = reader.optionalString('AllowedPattern') ?? existing?.allowedPattern;
  if (allowedPattern !== undefined && !new RegExp(allowedPattern).test(value)) {
    throw new SlipwayError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${allowedPattern}`);
  }
  return { name, type, value, description: reader.optionalString('Description') ?? existing?.description, allowedPattern, dataType, tier };
}

function checkedName(reader: OperationInput): string {
  const name = reader.string('Name');
  if (!NAME.test(name)) throw reader.fail('Parameter name must only contain letters, numbers and the symbols .-_/ (at most 2048 characters)');
  if (/^\/?(aws|ssm)/i.test(name)) throw reader.fail('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_');
  if (name.includes('/') && !name.startsWith('/')) throw reader.fail('Parameter name must be a fully qualified name.');
  if (name.split('/').length - 1 > 15) {
    throw new SlipwayError('HierarchyLevelLimitExceededException', 'Parameter name has exceeded the maximum hierarchy level of 15. Reduce the number of levels and try again.');
  }
  return name;
}

// Intelligent-Tiering picks Standard unless the value needs Advanced; Advanced never goes back.
function tierOf(reader: OperationInput, value: string, existing: SsmParameterRecord | undefined): string {
  const asked = reader.optionalString('Tier') ?? (existing?.tier === 'Advanced' ? 'Advanced' : 'Standard');
  if (!TIERS.includes(asked)) throw reader.invalid('Tier', asked, `Member must satisfy enum value set: [${TIERS.join(', ')}]`);
  const tier = asked === 'Intelligent-Tiering' ? (value.length > STANDARD_VALUE_LIMIT ? 'Advanced' : 'Standard') : asked;
  if (existing?.tier === 'Advanced' && tier === 'Standard') throw reader.fail('This parameter uses the advanced-parameter tier. You can\'t downgrade a parameter from the advanced-parameter tier to the standard-parameter tier.');
  if (value.length > (tier === 'Advanced' ? ADVANCED_VALUE_LIMIT : STANDARD_VALUE_LIMIT)) {
    throw reader.fail(tier === 'Advanced' ? `Advanced tier parameters support a maximum parameter value of ${ADVANCED_VALUE_LIMIT} characters.` : `Standard tier parameters support a maximum parameter value of ${STANDARD_VALUE_LIMIT} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`);
  }
  return tier;
}
