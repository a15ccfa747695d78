// The S3 deploy action into a local bucket, in a real execution: the source artifact extracted
// under ObjectKey (or at the bucket's root), or stored as the zip itself at ObjectKey; objects
// already in the bucket stay; a configuration S3 would refuse fails the action.
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { actionsOf, GIT_SOURCE_STAGE, providerTemplate, runOnce } from './support/provider-pipeline.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

const deploy = (name: string, configuration: string) => `            - Name: ${name}
              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: S3, Version: '1' }
              Configuration: { ${configuration} }
              InputArtifacts: [{ Name: Src }]
`;

const WEBSITE = `  Website: { Type: AWS::S3::Bucket, Properties: { BucketName: www-site } }
`;

const FILES = { 'index.html': '<h1>hello</h1>\n', 'css/app.css': 'h1 { color: red }\n' };

describe('an S3 deploy action', () => {
  it('extracts the artifact into the bucket under ObjectKey or at its root, or stores the zip at ObjectKey, leaving other objects', async () => {
    const stage = `        - Name: Deploy
          Actions:
${deploy('Extracted', "BucketName: !Ref Website, Extract: 'true', ObjectKey: site/, CannedACL: public-read, CacheControl: 'max-age=0'")}\
${deploy('AtRoot', "BucketName: !Ref Website, Extract: true")}\
${deploy('Zipped', "BucketName: !Ref Website, Extract: 'false', ObjectKey: bundles/app.zip")}`;
    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + stage, WEBSITE), FILES);
    world.account.buckets.putObject('www-site', 'kept.txt', 'was there before');
    const ended = await runOnce(world);
    expect(ended.status).toBe('Succeeded');
    const buckets = world.account.buckets;
    const text = (key: string) => buckets.getObject('www-site', key)?.toString('utf8');
    expect(text('site/index.html')).toBe(FILES['index.html']);
    expect(text('site/css/app.css')).toBe(FILES['css/app.css']);
    expect(text('index.html')).toBe(FILES['index.html']);
    expect(text('css/app.css')).toBe(FILES['css/app.css']);
    expect(buckets.getObject('www-site', 'bundles/app.zip')).toEqual(buckets.getObject(ended.artifacts.Src!.bucket, ended.artifacts.Src!.key));
    expect(text('kept.txt')).toBe('was there before');
    // The repository's own files (the buildspec the world adds, version) went too; nothing else.
    expect(buckets.listObjects('www-site')).toEqual(['buildspec.yml', 'bundles/app.zip', 'css/app.css', 'index.html', 'kept.txt', 'site/buildspec.yml', 'site/css/app.css', 'site/index.html', 'site/version', 'version']);
    expect(actionsOf(world, ended).Extracted!.output.executionResult?.externalExecutionSummary).toBe('Extracted 4 files of Src to s3://www-site/site/');
  });

  it('fails without ObjectKey when not extracting, with an Extract that is not true or false, an unknown CannedACL, or a missing bucket', async () => {
    const stage = `        - Name: Deploy
          Actions:
${deploy('NoKey', "BucketName: !Ref Website, Extract: 'false'")}\
${deploy('BadExtract', "BucketName: !Ref Website, Extract: 'yes'")}\
${deploy('BadAcl', "BucketName: !Ref Website, Extract: 'true', CannedACL: everyone")}\
${deploy('NoBucket', "BucketName: not-there, Extract: 'true'")}`;
    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + stage, WEBSITE), FILES);
    const ended = await runOnce(world);
    expect(ended.status).toBe('Failed');
    const actions = actionsOf(world, ended);
    const message = (name: string) => actions[name]!.output.executionResult?.errorDetails?.message;
    expect(message('NoKey')).toBe('ObjectKey is required when Extract is false');
    expect(message('BadExtract')).toBe('Extract must be true or false; got yes');
    expect(message('BadAcl')).toMatch(/^CannedACL must be one of private, public-read, .*; got everyone$/);
    expect(message('NoBucket')).toBe('The bucket not-there does not exist locally (create it with an AWS::S3::Bucket in a local stack)');
    expect(world.account.buckets.listObjects('www-site')).toEqual([]);
  });
});
