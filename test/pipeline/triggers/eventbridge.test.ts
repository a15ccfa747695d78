// Templates whose pipeline starts from an EventBridge rule, unchanged: one on a push to the local
// CodeCommit repository (a real `git push` into it), and one on an image pushed to a local ECR
// repository (a real image pushed with skopeo to up's registry). A push made while slipway was
// down is announced when it starts again, once; a push the rule's pattern does not match starts
// nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountEventSources, type AwsEvent, type RuleDelivery } from '../../../src/local/events/index.js';
import { startLocalUp, type LocalUp } from '../../../src/local/up/local-up.js';
import { makeGitRepo } from '../../support/git-repo.js';
import { OciLayout } from '../../registry/oci-layout.js';
import { triggerTemplate, triggerWorld, until, type TriggerWorld } from './support/trigger-world.js';

const PIPELINE_TARGET = `      Targets:
        - Id: pipeline
          Arn: !Sub 'arn:aws:codepipeline:\${AWS::Region}:\${AWS::AccountId}:\${Pipeline}'
          RoleArn: !GetAtt Role.Arn`;

const CODECOMMIT = triggerTemplate({
  source: `            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1' }
              Configuration: { RepositoryName: !GetAtt Repo.Name, BranchName: main, PollForSourceChanges: false }
              OutputArtifacts: [{ Name: Src }]`,
  resources: `  Repo: { Type: AWS::CodeCommit::Repository, Properties: { RepositoryName: app-repo } }
  OnPush:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.codecommit]
        detail-type: [CodeCommit Repository State Change]
        resources: [!GetAtt Repo.Arn]
        detail: { event: [referenceCreated, referenceUpdated], referenceType: [branch], referenceName: [main] }
${PIPELINE_TARGET}`,
});

const ECR = triggerTemplate({
  source: `            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Connection, FullRepositoryId: acme/app, BranchName: main, DetectChanges: false }
              OutputArtifacts: [{ Name: Src }]`,
  resources: `  Images: { Type: AWS::ECR::Repository, Properties: { RepositoryName: web } }
  OnImage:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source":["aws.ecr"],"detail-type":["ECR Image Action"],"detail":{"action-type":["PUSH"],"result":["SUCCESS"],"repository-name":["web"],"image-tag":["latest"]}}'
${PIPELINE_TARGET}`,
});

let world: TriggerWorld | undefined;
let up: LocalUp | undefined;
const cleanup: string[] = [];
afterEach(async () => {
  await up?.close();
  await world?.close();
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
  [up, world] = [undefined, undefined];
});

const failures: unknown[] = [];
function eventSources(target: TriggerWorld, seen: { event: AwsEvent; deliveries: RuleDelivery[] }[]) {
  const { account } = target;
  return new AccountEventSources({
    db: account.db, codecommit: account.codecommit, rules: account.eventRules, engine: target.running, location: () => account.settings,
    registry: { describeRepositories: () => ({ repositories: [] }), listImages: () => ({ imageIds: [] }) }, pollMs: 3_600_000,
    onEvent: (event, deliveries) => seen.push({ event, deliveries }), onFailure: (error) => failures.push(error),
  });
}

/** Runs skopeo without blocking: the registry it talks to answers from this same process. */
function skopeo(args: string[]): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('skopeo', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, stderr }));
  });
}

/** Pushes the layout's image `ref` to `<host>/web:<tag>` with the registry's password. */
async function pushImage(layoutDir: string, ref: string, host: string, password: string, tag: string): Promise<void> {
  const copied = await skopeo(['copy', '--dest-creds', `AWS:${password}`, '--dest-tls-verify=false', `oci:${layoutDir}:${ref}`, `docker://${host}/web:${tag}`]);
  expect(copied.status, copied.stderr).toBe(0);
}

const passwordOf = (registry: { getAuthorizationToken(): { authorizationData: { authorizationToken: string }[] } }) =>
  Buffer.from(registry.getAuthorizationToken().authorizationData[0]!.authorizationToken, 'base64').toString().split(':')[1]!;

const ruleArn = (name: string) => `arn:aws:events:us-east-1:000000000000:rule/${name}`;

describe('a pipeline started by an EventBridge rule', () => {
  it('on a CodeCommit push: a git push to main starts it at the pushed commit, a push to another branch does not', async () => {
    world = await triggerWorld(CODECOMMIT);
    const rule = world.account.eventRules.list()[0]!;
    const seen: { event: AwsEvent; deliveries: RuleDelivery[] }[] = [];
    const sources = eventSources(world, seen);
    await sources.start();
    const clone = makeGitRepo({ 'buildspec.yml': world.repo.git('show', 'HEAD:buildspec.yml'), version: '1\n' });
    cleanup.push(clone.dir);
    const bare = world.account.codecommit.get('app-repo')!.path;
    clone.git('push', '-q', bare, 'main');
    const [execution] = await until(() => world!.executions().length === 1 && world!.executions(), `the rule to start the pipeline (${JSON.stringify(seen)} ${String(failures)})`);
    const head = clone.git('rev-parse', 'HEAD');
    expect(execution).toMatchObject({ trigger: { triggerType: 'CloudWatchEvent', triggerDetail: rule.arn } });
    expect(rule.arn).toBe(ruleArn(rule.name));
    expect(await world.running.wait(execution!.pipelineExecutionId)).toMatchObject({ status: 'Succeeded', sourceRevisions: [expect.objectContaining({ revisionId: head })] });
    expect(seen[0]!.event).toMatchObject({ source: 'aws.codecommit', detail: { event: 'referenceCreated', referenceName: 'main', commitId: head } });

    clone.git('checkout', '-q', '-b', 'dev');
    clone.commit({ version: 'dev\n' });
    clone.git('push', '-q', bare, 'dev');
    await until(() => seen.length === 2, 'the push to dev to be announced');
    expect(seen[1]!).toMatchObject({ event: { detail: { event: 'referenceCreated', referenceName: 'dev' } }, deliveries: [] });

    // Down: a push lands, and the next start announces it once.
    sources.close();
    clone.git('checkout', '-q', 'main');
    const whileDown = clone.commit({ version: '2\n' });
    clone.git('push', '-q', bare, 'main');
    const again = eventSources(world, seen);
    await again.start();
    await again.start();
    again.close();
    expect(seen.slice(2).map(({ event }) => event.detail)).toEqual([expect.objectContaining({ event: 'referenceUpdated', referenceName: 'main', commitId: whileDown, oldCommitId: head })]);
    expect(world.executions().map((one) => one.trigger.triggerType)).toEqual(['CloudWatchEvent', 'CloudWatchEvent']);
    expect(failures).toEqual([]);
  });

  it('on an ECR push: an image pushed to web:latest through up\'s registry starts it; web:v1 does not; one pushed while up was down starts it when up starts', async () => {
    world = await triggerWorld(ECR);
    const { SERVICE_HANDLERS } = await import('../../../src/local/aws-api/services/index.js');
    const start = () => startLocalUp({
      account: world!.account, services: SERVICE_HANDLERS, keys: () => undefined, port: 0,
      sourcePollMs: { local: 3_600_000, remote: 3_600_000 },
    });
    up = await start();
    const layoutDir = mkdtempSync(join(tmpdir(), 'slipway-oci-'));
    cleanup.push(layoutDir);
    const layout = new OciLayout(layoutDir);
    const push = async (content: string, tag: string) => {
      layout.tag(layout.image('amd64', content), content);
      await pushImage(layoutDir, content, up!.address.registryHost, passwordOf(up!.registry), tag);
    };
    await push('first', 'latest');
    const [execution] = await until(() => world!.executions().length === 1 && world!.executions(), 'the rule to start the pipeline', 20_000);
    expect(execution).toMatchObject({ trigger: { triggerType: 'CloudWatchEvent', triggerDetail: ruleArn(world.account.eventRules.list()[0]!.name) } });
    await push('tagged', 'v1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(world.executions()).toHaveLength(1);

    await up.close();
    up = undefined;
    const { openRegistry } = await import('../../../src/local/registry/index.js');
    const alone = openRegistry({ dataDir: world.account.layout.registry });
    const address = await alone.listen({ port: 0 });
    layout.tag(layout.image('amd64', 'while-down'), 'while-down');
    await pushImage(layoutDir, 'while-down', address.registryHost, passwordOf(alone), 'latest');
    await alone.close();
    up = await start();
    await until(() => world!.executions().length === 2 || undefined, 'the push made while up was down to start the pipeline', 20_000);
    await up.close();
    up = await start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.executions()).toHaveLength(2);
  });
});
