// AWS::SSM::Parameter: stored in the state database, where dynamic references, parameter types
// `AWS::SSM::Parameter::Value<...>` and local builds read it.
import { matchPattern } from '../../../cloudformation/index.js';
import { SlipwayError } from '../../../errors.js';
import { randomSuffix } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ProviderContext, ProviderServices, ResourceProvider } from './provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** Parameter names: letters, digits and `_.-/`; a hierarchy begins with `/` (SSM PutParameter). */
const NAME = /^(?:\/?[a-zA-Z0-9_.-]+)(?:\/[a-zA-Z0-9_.-]+)*$/;

/** AWS::SSM::Parameter: Ref is the name; CloudFormation creates String and StringList only. */
export function ssmParameterProvider(table: (ctx: ProviderContext) => ProviderServices['parameters']): ResourceProvider {
  return {
    properties: RESOURCE_PROPERTY_NAMES['AWS::SSM::Parameter'],
    replaceOn: ['Name'],
    nameProperty: 'Name',
    validate(properties) {
      const name = String(properties.Name ?? '');
      const valueCheck = valueProblem(properties);
      return new PropertyChecks(properties).required('Type', 'Value')
        .oneOf('Type', ['String', 'StringList'])
        .pattern('Name', NAME, 1, 2048)
        .when(/^\/?(aws|ssm)/i.test(name), `#/Name: parameter names can't begin with 'aws' or 'ssm' (got '${name}')`)
        .when(name.includes('/') && !name.startsWith('/'), `#/Name: a parameter name with a hierarchy must begin with '/' (got '${name}')`)
        .oneOf('Tier', ['Standard', 'Advanced', 'Intelligent-Tiering'])
        .oneOf('DataType', ['text', 'aws:ec2:image', 'aws:ssm:integration'])
        .when(valueCheck !== undefined, valueCheck ?? '').problems;
    },
    async create(ctx, properties) {
      const name = typeof properties.Name === 'string' ? properties.Name : `CFN-${ctx.logicalId}-${randomSuffix(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
      if (table(ctx).get(name)) throw new SlipwayError('ParameterAlreadyExists', `The parameter already exists. To overwrite this value, set the overwrite option in the request to true. (parameter '${name}')`, { kind: 'failed' });
      ctx.claim(name);
      return Promise.resolve(put(ctx, table(ctx), name, properties));
    },
    async update(ctx, current, properties) {
      return Promise.resolve(put(ctx, table(ctx), current.physicalId, properties));
    },
    async delete(ctx, current) {
      table(ctx).delete(current.physicalId);
      return Promise.resolve();
    },
  };
}

function valueProblem(properties: Record<string, unknown>): string | undefined {
  // Numbers and booleans become strings, as CloudFormation converts them; a mapping is refused.
  if (typeof properties.Value === 'object' && properties.Value !== null && !Array.isArray(properties.Value)) return `#/Value: expected type: String, found: ${JSON.stringify(properties.Value)}`;
  const value = Array.isArray(properties.Value) ? properties.Value.join(',') : String(properties.Value ?? '');
  const pattern = properties.AllowedPattern;
  if (typeof pattern === 'object' && pattern !== null) return `#/AllowedPattern: expected type: String, found: ${JSON.stringify(pattern)}`;
  if (typeof pattern === 'string' || typeof pattern === 'number') {
    // SSM finds the pattern anywhere in the value (its own example anchors with ^ and $).
    const result = matchPattern(String(pattern), value, 'find');
    if (!result.ok) return `#/AllowedPattern: ${pattern} cannot be evaluated: ${result.reason}`;
    if (!result.matches) return `#/Value: Parameter value, cannot be validated against allowedPattern: ${pattern}`;
  }
  if (value.length > 4096 && properties.Tier !== 'Advanced') return '#/Value: a Standard parameter value can be at most 4 KB';
  return undefined;
}

function put(_ctx: ProviderContext, table: ProviderServices['parameters'], name: string, properties: Record<string, unknown>) {
  const type = String(properties.Type);
  const value = Array.isArray(properties.Value) ? properties.Value.join(',') : String(properties.Value);
  table.put({ name, type, value, description: properties.Description as string | undefined, allowedPattern: properties.AllowedPattern as string | undefined, dataType: String(properties.DataType ?? 'text'), tier: String(properties.Tier ?? 'Standard') });
  return { physicalId: name, ref: name, attributes: { Type: type, Value: value } };
}
