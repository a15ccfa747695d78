// The S3 source action in real executions: the object in a versioned local bucket becomes the
// source artifact byte for byte, its ETag and VersionId the action's variables and the version the
// execution's source revision; a new upload is the next execution's source; an unversioned bucket
// or a missing object fails the action.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { actionsOf, providerTemplate, runOnce } from './support/provider-pipeline.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

const BUCKETS = `  Drop: { Type: AWS::S3::Bucket, Properties: { BucketName: src-drop, VersioningConfiguration: { Status: Enabled } } }
  Plain: { Type: AWS::S3::Bucket, Properties: { BucketName: src-plain } }
  Website: { Type: AWS::S3::Bucket, Properties: { BucketName: www-site } }
`;

/** The S3 source on `bucket`/app.zip, and a stage extracting its artifact into www-site. */
const stages = (bucket: string) => `        - Name: Source
          Actions:
            - Name: Upload
              ActionTypeId: { Category: Source, Owner: AWS, Provider: S3, Version: '1' }
              Configuration: { S3Bucket: ${bucket}, S3ObjectKey: app.zip, PollForSourceChanges: 'false' }
              OutputArtifacts: [{ Name: Src }]
              Namespace: S3Vars
        - Name: Deploy
          Actions:
            - Name: Site
              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: S3, Version: '1' }
              Configuration: { BucketName: !Ref Website, Extract: 'true', ObjectKey: '#{S3Vars.VersionId}' }
              InputArtifacts: [{ Name: Src }]
`;

/** A zip holding `files`. */
async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('an S3 source action', () => {
  it('takes the object as the artifact, with its ETag and VersionId as variables and the version as the source revision, and the next upload next time', async () => {
    world = await pipelineWorld(providerTemplate(stages('!Ref Drop'), BUCKETS));
    const engine = world.engine();
    const zip = await zipOf({ 'hello.txt': 'hi\n' });
    const uploaded = world.account.buckets.putObject('src-drop', 'app.zip', zip);
    const first = await runOnce(world, engine);
    expect(first.status).toBe('Succeeded');
    expect(uploaded.versionId).not.toBe('null');
    expect(actionsOf(world, first).Upload!.output.outputVariables).toEqual({ ETag: createHash('md5').update(zip).digest('hex'), VersionId: uploaded.versionId });
    expect(world.account.buckets.getObject(first.artifacts.Src!.bucket, first.artifacts.Src!.key)).toEqual(zip);
    expect(first.artifacts.Src!.key).toMatch(/^app\/Src\/[A-Za-z0-9]{7}$/);
    expect(first.sourceRevisions).toEqual([{ actionName: 'Upload', revisionId: uploaded.versionId, revisionSummary: 's3://src-drop/app.zip' }]);
    expect(world.account.buckets.getObject('www-site', `${uploaded.versionId}/hello.txt`)?.toString()).toBe('hi\n');

    const again = world.account.buckets.putObject('src-drop', 'app.zip', await zipOf({ 'hello.txt': 'hello again\n' }));
    const second = await runOnce(world, engine);
    expect(second.sourceRevisions[0]?.revisionId).toBe(again.versionId);
    expect(world.account.buckets.getObject('www-site', `${again.versionId}/hello.txt`)?.toString()).toBe('hello again\n');
  });

  it('fails on a bucket without versioning, and when the object is missing', async () => {
    world = await pipelineWorld(providerTemplate(stages('!Ref Plain'), BUCKETS));
    world.account.buckets.putObject('src-plain', 'app.zip', await zipOf({ 'hello.txt': 'hi\n' }));
    const unversioned = await runOnce(world);
    expect(unversioned.status).toBe('Failed');
    expect(actionsOf(world, unversioned).Upload!.output.executionResult?.errorDetails?.message).toBe('The bucket src-plain is not versioned: an S3 source needs a bucket with versioning enabled (VersioningConfiguration: { Status: Enabled })');

    world.account.buckets.putBucketSettings('src-plain', { versioning: true });
    world.account.buckets.deleteObject('src-plain', 'app.zip');
    const missing = await runOnce(world);
    expect(actionsOf(world, missing).Upload!.output.executionResult?.errorDetails?.message).toBe('The object s3://src-plain/app.zip does not exist: upload the source files as one zip file under that key');
  });
});
