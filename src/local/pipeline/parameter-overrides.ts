// A CloudFormation action's ParameterOverrides (CloudFormation user guide, "Using parameter
// override functions with CodePipeline pipelines"): a JSON object of parameter names to values,
// where a value may be `{"Fn::GetArtifactAtt": [artifact, BucketName|ObjectKey|URL]}` (where an
// input artifact is stored) or `{"Fn::GetParam": [artifact, JSON file, key]}` (a value from a
// JSON file in an input artifact, such as another stack's OutputFileName). At most 1 kilobyte.
import { isRecord } from '../../cloudformation/index.js';
import { configurationError, type ActionRun } from './action-run.js';
import type { InputArtifacts } from './cloudformation-inputs.js';

/** "There is a maximum size limit of 1 kilobyte for the JSON object" in ParameterOverrides. */
export const MAX_OVERRIDES_BYTES = 1024;

/** The overrides of the action, every function evaluated; {} when it has none. */
export async function parameterOverrides(run: ActionRun, inputs: InputArtifacts): Promise<Record<string, string>> {
  const text = run.action.configuration.ParameterOverrides;
  if (text === undefined || text === '') return {};
  if (typeof text === 'string' && Buffer.byteLength(text) > MAX_OVERRIDES_BYTES) throw configurationError(`ParameterOverrides is ${Buffer.byteLength(text)} bytes; CodePipeline accepts at most ${MAX_OVERRIDES_BYTES}`);
  const resolved = run.configuration.ParameterOverrides;
  let parsed: unknown = resolved;
  if (typeof resolved === 'string') {
    try {
      parsed = JSON.parse(resolved);
    } catch (error) {
      throw configurationError(`ParameterOverrides must be a JSON object: ${(error as Error).message}`);
    }
  }
  if (!isRecord(parsed)) throw configurationError('ParameterOverrides must be a JSON object of parameter names to values');
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) values[name] = await valueOf(value, name, run, inputs);
  return values;
}

async function valueOf(value: unknown, name: string, run: ActionRun, inputs: InputArtifacts): Promise<string> {
  if (!isRecord(value)) return typeof value === 'string' ? value : JSON.stringify(value);
  const what = `ParameterOverrides.${name}`;
  if (Array.isArray(value['Fn::GetArtifactAtt'])) return artifactAttribute(value['Fn::GetArtifactAtt'].map(String), what, run, inputs);
  if (Array.isArray(value['Fn::GetParam'])) return fileValue(value['Fn::GetParam'].map(String), what, inputs);
  throw configurationError(`${what} must be a string, {"Fn::GetArtifactAtt": [artifact, attribute]} or {"Fn::GetParam": [artifact, file, key]}; got ${JSON.stringify(value)}`);
}

/** Fn::GetArtifactAtt: BucketName, ObjectKey, or the artifact's S3 URL. */
function artifactAttribute([artifact = '', attribute = '', ...rest]: string[], what: string, run: ActionRun, inputs: InputArtifacts): string {
  if (rest.length > 0) throw configurationError(`${what}: Fn::GetArtifactAtt takes [artifact, attribute]`);
  const location = inputs.location(artifact, `${what} (Fn::GetArtifactAtt)`);
  if (attribute === 'BucketName') return location.bucket;
  if (attribute === 'ObjectKey') return location.key;
  // The URL form AWS documents; the local engine reads such a URL from the local bucket (a nested stack's TemplateURL).
  if (attribute === 'URL') return `https://s3.${run.services.location().region}.amazonaws.com/${location.bucket}/${location.key}`;
  throw configurationError(`${what}: Fn::GetArtifactAtt's attribute must be BucketName, ObjectKey or URL; got '${attribute}'`);
}

/** Fn::GetParam: the value of `key` in the JSON file `file` of the input artifact. */
async function fileValue([artifact = '', file = '', key = '', ...rest]: string[], name: string, inputs: InputArtifacts): Promise<string> {
  const what = `${name} (Fn::GetParam)`;
  if (rest.length > 0 || key === '') throw configurationError(`${what} takes [artifact, JSON file, key]`);
  const text = await inputs.read(artifact, file, what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw configurationError(`${what}: the file ${file} of the artifact ${artifact} is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed) || !Object.hasOwn(parsed, key)) throw configurationError(`${what}: the file ${file} of the artifact ${artifact} has no key '${key}'`);
  const value = parsed[key];
  return typeof value === 'string' ? value : JSON.stringify(value);
}
