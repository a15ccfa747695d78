// The Amazon S3 deploy action (`Deploy/AWS/S3/1`, CodePipeline "Amazon S3 deploy action
// reference"): its one input artifact goes into the local bucket BucketName, either extracted
// (Extract true: each file at `<ObjectKey>/<path>`, or at `<path>` without ObjectKey) or as the
// zip itself at ObjectKey (Extract false, where ObjectKey is required). Objects already in the
// bucket stay. CannedACL, CacheControl and KMSEncryptionKeyARN are accepted; local buckets keep
// no ACLs, headers or keys, so they change nothing.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SlipwayError } from '../../errors.js';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';
import { extractArtifact } from './artifact-files.js';

/** S3's canned ACLs ("Canned ACL" in the S3 user guide): the values CannedACL may take. */
const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'aws-exec-read', 'authenticated-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'];

/** Extract as the action reads it: the strings "true" and "false" (any case), or a boolean. */
function extractOf(value: unknown): boolean | undefined {
  const text = String(value).toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** Every file under `dir`, as paths relative to `root` with `/` separators, sorted. */
async function filesUnder(dir: string, root = dir): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path, root)));
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join('/'));
  }
  return files.sort();
}

/** The configuration problem, if any. */
function problemOf(config: Record<string, unknown>, extract: boolean | undefined, inputs: number): string | undefined {
  if (extract === undefined) return `Extract must be true or false; got ${String(config.Extract)}`;
  if (!extract && (config.ObjectKey === undefined || config.ObjectKey === '')) return 'ObjectKey is required when Extract is false';
  if (config.CannedACL !== undefined && !CANNED_ACLS.includes(String(config.CannedACL))) return `CannedACL must be one of ${CANNED_ACLS.join(', ')}; got ${String(config.CannedACL)}`;
  if (inputs !== 1) return `an S3 deploy action takes exactly one input artifact; it has ${inputs}`;
  return undefined;
}

/** Runs an S3 deploy action. */
export async function runS3Deploy(run: ActionRun): Promise<ActionOutcome> {
  const config = run.configuration;
  const extract = extractOf(config.Extract);
  const problem = problemOf(config, extract, run.inputs.length);
  if (problem) return failed('ConfigurationError', problem);
  const bucket = String(config.BucketName);
  const input = run.inputs[0]!;
  const buckets = run.services.buckets;
  try {
    if (!buckets.hasBucket(bucket)) return failed('ConfigurationError', `The bucket ${bucket} does not exist locally (create it with an AWS::S3::Bucket in a local stack)`);
    if (!extract) {
      const body = buckets.getObject(input.bucket, input.key);
      if (!body) return failed('ConfigurationError', `the artifact ${input.name} is not in s3://${input.bucket}/${input.key}`);
      const info = buckets.putObject(bucket, String(config.ObjectKey), body);
      run.say(`s3://${bucket}/${info.key}: the artifact ${input.name} as a zip file`);
      return { status: 'Succeeded', outputArtifacts: [], outputVariables: {}, executionResult: { externalExecutionSummary: `Deployed ${input.name} to s3://${bucket}/${info.key}` } };
    }
    const dir = join(run.workDir, 'extracted');
    await extractArtifact(buckets, input, dir, join(run.workDir, 'artifact.zip'));
    const prefix = config.ObjectKey === undefined || config.ObjectKey === '' ? '' : `${String(config.ObjectKey).replace(/\/+$/, '')}/`;
    const files = await filesUnder(dir);
    for (const file of files) buckets.putObject(bucket, `${prefix}${file}`, await readFile(join(dir, file)));
    run.say(`s3://${bucket}/${prefix}: ${files.length} files extracted from ${input.name}`);
    return { status: 'Succeeded', outputArtifacts: [], outputVariables: {}, executionResult: { externalExecutionSummary: `Extracted ${files.length} files of ${input.name} to s3://${bucket}/${prefix}` } };
  } catch (error) {
    if (error instanceof SlipwayError) return failed(error.code, error.message);
    throw error;
  }
}
