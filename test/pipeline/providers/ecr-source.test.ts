// The ECR source action on the local registry, with images pushed by skopeo over HTTP on
// 127.0.0.1: the image tagged ImageTag (default latest) gives the variables AWS emits and the
// artifact imageDetail.json; a tag that is not there fails the action.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegistry, type LocalRegistry } from '../../../src/local/registry/index.js';
import { OciLayout } from '../../registry/oci-layout.js';
import { pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { actionsOf, providerTemplate, runOnce, zipTexts } from './support/provider-pipeline.js';

let world: PipelineWorld;
let registry: LocalRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  await world?.dispose();
});

const REPOSITORY = `  Repo: { Type: AWS::ECR::Repository, Properties: { RepositoryName: app/web } }
  Website: { Type: AWS::S3::Bucket, Properties: { BucketName: www-site } }
`;

const ecr = (name: string, configuration: string, output: string) => `            - Name: ${name}
              ActionTypeId: { Category: Source, Owner: AWS, Provider: ECR, Version: '1' }
              Configuration: { ${configuration} }
              OutputArtifacts: [{ Name: ${output} }]
`;

const STAGES = `        - Name: Source
          Actions:
${ecr('Tagged', 'RepositoryName: !Ref Repo, ImageTag: v1', 'Tagged')}${ecr('Latest', 'RepositoryName: !Ref Repo', 'Latest')}\
        - Name: Deploy
          Actions:
            - Name: Site
              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: S3, Version: '1' }
              Configuration: { BucketName: !Ref Website, Extract: 'true' }
              InputArtifacts: [{ Name: Latest }]
`;

/** Pushes a one-layer image as `<host>/app/web:<tag>` with skopeo; returns its digest. */
async function push(host: string, tag: string): Promise<string> {
  const layout = new OciLayout(mkdtempSync(join(tmpdir(), 'slipway-ecr-source-oci-')));
  const image = layout.image('amd64', 'pushed by the ECR source test');
  layout.tag(image, tag);
  const status = await new Promise<number | null>((resolve) => {
    spawn('skopeo', ['copy', '--dest-tls-verify=false', `oci:${layout.dir}:${tag}`, `docker://${host}/app/web:${tag}`], { stdio: 'ignore' }).on('close', resolve);
  });
  rmSync(layout.dir, { recursive: true, force: true });
  expect(status).toBe(0);
  return image.digest;
}

describe('an ECR source action', () => {
  it('gives the image\'s RegistryId, RepositoryName, ImageTag, ImageDigest and ImageURI, and imageDetail.json; a missing tag fails it', async () => {
    world = await pipelineWorld(providerTemplate(STAGES, REPOSITORY));
    registry = openRegistry({ dataDir: world.account.layout.registry, requireAuth: false, maintenanceIntervalMs: 0 });
    const host = (await registry.listen({ port: 0 })).registryHost;
    world.account.changeSettings({ registryEndpoint: host });
    const digest = await push(host, 'v1');
    const engine = world.engine();

    const first = await runOnce(world, engine);
    expect(first.status).toBe('Failed');
    const tagged = actionsOf(world, first).Tagged!;
    const variables = { RegistryId: world.account.settings.accountId, RepositoryName: 'app/web', ImageTag: 'v1', ImageDigest: digest, ImageURI: `${host}/app/web@${digest}` };
    expect(tagged.output.outputVariables).toEqual(variables);
    const detail = JSON.parse((await zipTexts(world, tagged.output.outputArtifacts[0]!))['imageDetail.json']!) as Record<string, unknown>;
    expect(Object.keys(detail)).toEqual(['ImageSizeInBytes', 'ImageDigest', 'Version', 'ImagePushedAt', 'RegistryId', 'RepositoryName', 'ImageURI', 'ImageTags']);
    expect(detail).toMatchObject({ ImageDigest: digest, Version: '1.0', RegistryId: variables.RegistryId, RepositoryName: 'app/web', ImageURI: variables.ImageURI, ImageTags: ['v1'] });
    expect(detail.ImageSizeInBytes).toMatch(/^[1-9]\d*$/);
    expect(detail.ImagePushedAt).toMatch(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    expect(first.sourceRevisions).toContainEqual({ actionName: 'Tagged', revisionId: digest, revisionSummary: 'app/web:v1' });
    // No ImageTag means `latest`, which is not there yet.
    expect(actionsOf(world, first).Latest!.output.executionResult?.errorDetails).toMatchObject({ code: 'ImageNotFoundException', message: expect.stringContaining("imageTag:'latest'") });

    await push(host, 'latest');
    const second = await runOnce(world, engine);
    expect(second.status).toBe('Succeeded');
    expect(actionsOf(world, second).Latest!.output.outputVariables).toMatchObject({ ImageTag: 'latest', ImageDigest: digest });
    expect(JSON.parse(world.account.buckets.getObject('www-site', 'imageDetail.json')!.toString()).ImageTags).toEqual(['latest', 'v1']);
  });
});
