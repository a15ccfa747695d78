// AWS::CloudFormation::Stack: a nested stack from a local template file, or from an S3 URL that
// names an object in a local bucket. Ref is the nested stack's id; GetAtt Outputs.<Name> reads
// its outputs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord, readTemplate } from '../../../cloudformation/index.js';
import { generatedName } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { CurrentResource, NestedStackResult, ProviderContext, ProvisionResult, ResourceProvider } from './provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** The S3 URL forms a TemplateURL takes (virtual-hosted and path style, and s3://). */
const S3_URLS = [
  /^https:\/\/([^./]+(?:\.[^./]+)*?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/(.+)$/,
  /^https:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^/]+)\/(.+)$/,
  /^s3:\/\/([^/]+)\/(.+)$/,
];

/** AWS::CloudFormation::Stack. */
export const nestedStackProvider: ResourceProvider = {
  properties: RESOURCE_PROPERTY_NAMES['AWS::CloudFormation::Stack'],
  replaceOn: [],
  validate: (properties) => new PropertyChecks(properties).required('TemplateURL')
    .when(properties.TemplateURL !== undefined && typeof properties.TemplateURL !== 'string', `#/TemplateURL: expected type: String, found: ${JSON.stringify(properties.TemplateURL)}`)
    .integer('TimeoutInMinutes', 1, 43200).problems,
  async create(ctx, properties) {
    const template = readNestedTemplate(ctx, String(properties.TemplateURL));
    checkNesting(ctx, String(properties.TemplateURL), template.templateBody, parametersOf(properties));
    const stackName = generatedName(ctx.stackName, ctx.logicalId, 128);
    const result = await ctx.nested.create({ stackName, ...template, parameters: parametersOf(properties) });
    return provisioned(result, template.templateBody);
  },
  async update(ctx, current, properties) {
    // During an update rollback the engine passes the template the stack had before.
    const previousBody = typeof ctx.previousInternal?.templateBody === 'string' ? ctx.previousInternal.templateBody : undefined;
    const template = previousBody !== undefined ? {
      templateBody: previousBody, templateFile: String(current.internal.templateFile),
    } : readNestedTemplate(ctx, String(properties.TemplateURL));
    const result = await ctx.nested.update(
      current.physicalId, { stackName: String(current.internal.stackName), ...template, parameters: parametersOf(properties) },
    );
    return provisioned(result, template.templateBody);
  },
  async delete(ctx, current) {
    await ctx.nested.delete(current.physicalId);
  },
  needsUpdate(ctx: ProviderContext, current: CurrentResource, properties: Record<string, unknown>): boolean {
    const template = readNestedTemplate(ctx, String(properties.TemplateURL));
    return hashOf(template.templateBody) !== current.internal.templateHash;
  },
};

function provisioned(result: NestedStackResult, templateBody: string): ProvisionResult {
  const attributes = Object.fromEntries(Object.entries(result.outputs).map(([key, value]) => [`Outputs.${key}`, value]));
  return { physicalId: result.stackId, ref: result.stackId, attributes, internal: { templateHash: hashOf(templateBody), stackName: result.stackId.split('/')[1], templateBody, templateFile: result.templateFile } };
}

function parametersOf(properties: Record<string, unknown>): Record<string, string> {
  const parameters = isRecord(properties.Parameters) ? properties.Parameters : {};
  return Object.fromEntries(Object.entries(parameters).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : String(value)]));
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads a nested template from a local bucket (S3 URL) or a file (relative to the parent template). */
export function readNestedTemplate(ctx: Pick<ProviderContext, 'artifacts' | 'templateDir'>, url: string): { templateBody: string; templateFile: string } {
  for (const pattern of S3_URLS) {
    const match = pattern.exec(url);
    if (!match) continue;
    const [, bucket = '', key = ''] = match;
    const body = ctx.artifacts.hasBucket(bucket) ? ctx.artifacts.getObject(bucket, decodeURIComponent(key)) : undefined;
    if (!body) throw new Error(`TemplateURL ${url}: no object '${key}' in a local bucket '${bucket}'; upload it to the local artifact store first, or give a file path`);
    return { templateBody: body.toString('utf8'), templateFile: url };
  }
  if (/^https?:\/\//.test(url)) throw new Error(`TemplateURL must point to an S3 object in a local bucket or a local file; '${url}' is neither`);
  const path = url.startsWith('file:') ? fileURLToPath(url) : isAbsolute(url) ? url : resolve(ctx.templateDir, url);
  if (!existsSync(path)) throw new Error(`TemplateURL ${url}: the file ${path} does not exist`);
  return { templateBody: readFileSync(path, 'utf8'), templateFile: path };
}

/**
 * How deep nested stacks may go locally. CloudFormation documents no depth limit (its quota is
 * 2,500 resources per operation across nested stacks); real templates nest two or three levels.
 */
export const MAX_NESTED_STACK_DEPTH = 16;

// A stack whose template nests itself with the same parameters would nest without end (each
// level is the same stack again); any other nesting stops at MAX_NESTED_STACK_DEPTH.
function checkNesting(ctx: Pick<ProviderContext, 'ancestry' | 'logicalId'>, url: string, templateBody: string, given: Record<string, string>): void {
  const parameters = effectiveParameters(templateBody, given);
  let depth = 1;
  for (const stack of ctx.ancestry()) {
    if (stack.templateBody === templateBody && parameters !== undefined && sameParameters(stack.parameters, parameters)) {
      throw new Error(`TemplateURL ${url} is the template of stack ${stack.stackName}, which already contains ${ctx.logicalId}, with the same parameters: the stack would contain itself without end (give the nested stack other parameters, with a Condition that ends the recursion, or another template)`);
    }
    depth++;
  }
  if (depth > MAX_NESTED_STACK_DEPTH) {
    throw new Error(`nested stack ${ctx.logicalId} would be nested ${depth} levels deep; the local engine stops at ${MAX_NESTED_STACK_DEPTH} (CloudFormation documents no limit, but no real template nests this deep; a recursive template needs a Condition that ends it)`);
  }
}

/** The nested stack's parameters as it would resolve them: given values, else defaults (undefined if the template does not read). */
function effectiveParameters(templateBody: string, given: Record<string, string>): Record<string, string> | undefined {
  const read = readTemplate(templateBody, 'nested');
  if (!read.ok) return undefined;
  const result: Record<string, string> = {};
  for (const declaration of Object.values(read.template.parameters)) {
    const value = Object.hasOwn(given, declaration.name) ? given[declaration.name] : declaration.default === undefined
      ? undefined : String(declaration.default);
    if (value !== undefined) result[declaration.name] = value;
  }
  return result;
}

function sameParameters(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}
