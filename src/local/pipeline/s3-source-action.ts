// The Amazon S3 source action (`Source/AWS/S3/1`, CodePipeline "Amazon S3 source action
// reference"): the object at S3Bucket/S3ObjectKey in a local bucket, which must be versioned
// ("make sure you enable versioning on the bucket"), is copied as it is into the artifact store as
// the action's one output artifact (the source files "as a single ZIP file"); its ETag and
// VersionId are the output variables, and the version id is the execution's source revision.
import { SlipwayError } from '../../errors.js';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';
import { artifactKey } from './artifact-files.js';

/** A zip file starts with a local file header (or, when empty, the end-of-central-directory record). */
function looksZipped(body: Buffer): boolean {
  return body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) || body.subarray(0, 4).equals(Buffer.from('PK\x05\x06', 'latin1'));
}

/** Runs an S3 source action. */
export async function runS3Source(run: ActionRun): Promise<ActionOutcome> {
  const bucket = String(run.configuration.S3Bucket);
  const key = String(run.configuration.S3ObjectKey);
  const buckets = run.services.buckets;
  try {
    if (!buckets.bucketSettings(bucket).versioning) {
      return failed('ConfigurationError', `The bucket ${bucket} is not versioned: an S3 source needs a bucket with versioning enabled (VersioningConfiguration: { Status: Enabled })`);
    }
    const info = buckets.headObject(bucket, key);
    const body = buckets.getObject(bucket, key);
    if (!info || !body) return failed('ConfigurationError', `The object s3://${bucket}/${key} does not exist: upload the source files as one zip file under that key`);
    // Only the current version is kept locally, so a run asked for another version cannot have it.
    if (run.revision !== undefined && run.revision !== info.versionId) {
      return failed('ConfigurationError', `The version ${run.revision} of s3://${bucket}/${key} is not there: the bucket holds version ${info.versionId}`);
    }
    if (!looksZipped(body)) run.say(`s3://${bucket}/${key} is not a zip file: actions that unzip this artifact will fail`);
    const name = run.action.outputArtifacts[0] ?? 'SourceArtifact';
    const artifactLocation = { name, bucket: run.bucket, key: artifactKey(run.pipeline.name, name), revision: info.versionId };
    buckets.putObject(run.bucket, artifactLocation.key, body);
    // S3 answers ETag in double quotes; the variable is the MD5 itself.
    const eTag = info.eTag.replace(/^"|"$/g, '');
    run.say(`s3://${bucket}/${key}: version ${info.versionId}, ETag ${eTag}`);
    return {
      status: 'Succeeded',
      outputArtifacts: [artifactLocation],
      outputVariables: { ETag: eTag, VersionId: info.versionId },
      executionResult: { externalExecutionId: info.versionId, externalExecutionSummary: `s3://${bucket}/${key}` },
      sourceRevision: { actionName: run.action.name, revisionId: info.versionId, revisionSummary: `s3://${bucket}/${key}` },
    };
  } catch (error) {
    if (error instanceof SlipwayError) return failed(error.code, error.message);
    throw error;
  }
}
