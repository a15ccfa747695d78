// V2 triggers on a connection source, with real git: pushes to the watched repository offered to
// the trigger's push filters (branches, tags, file paths; excludes win), found again after a
// restart and never taken twice, and GitHub push and pull-request deliveries to the connections
// endpoint, signed with the home's connection secret, starting the pull request's source commit.
import { afterEach, describe, expect, it } from 'vitest';
import { SourceWatch, triggerSecret } from '../../../src/local/pipeline/index.js';
import { signBody } from '../../../src/local/pipeline/webhook-signature.js';
import { triggerTemplate, triggerWorld, type TriggerWorld } from './support/trigger-world.js';

const TEMPLATE = triggerTemplate({
  source: `            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Connection, FullRepositoryId: acme/app, BranchName: main }
              OutputArtifacts: [{ Name: Src }]`,
  pipeline: `      Triggers:
        - ProviderType: CodeStarSourceConnection
          GitConfiguration:
            SourceActionName: Source
            Push:
              - Branches: { Includes: [main, 'release/**'], Excludes: ['release/old*'] }
                FilePaths: { Includes: ['src/**'], Excludes: ['src/**/*.md'] }
              - Tags: { Includes: ['v*'] }
            PullRequest:
              - Events: [OPEN, UPDATED]
                Branches: { Includes: [main] }
                FilePaths: { Includes: ['src/**'] }`,
});

let world: TriggerWorld;
afterEach(() => world?.close());

const details = () => world.executions().map((execution) => `${execution.trigger.triggerType} ${execution.trigger.triggerDetail}`);

describe('a V2 trigger on the watched repository', () => {
  it('starts pushes its filters let through, at the pushed commit, and nothing else', async () => {
    world = await triggerWorld(TEMPLATE, { 'src/app.ts': 'v1\n' });
    world.watch.load();
    expect(await world.watch.checkRepository(world.repo.dir)).toEqual([]); // the first look takes the refs as they are
    const source = world.repo.commit({ 'src/app.ts': 'v2\n' }, 'source change');
    expect(await world.watch.checkRepository(world.repo.dir)).toHaveLength(1);
    world.repo.commit({ 'README.md': 'docs\n' }, 'docs only');
    expect(await world.watch.checkRepository(world.repo.dir)).toHaveLength(0);
    world.repo.commit({ 'src/notes.md': 'excluded\n' }, 'excluded path');
    expect(await world.watch.checkRepository(world.repo.dir)).toHaveLength(0);
    world.repo.git('checkout', '-q', '-b', 'release/1');
    const release = world.repo.commit({ 'src/app.ts': 'release\n' }, 'release');
    world.repo.git('checkout', '-q', '-b', 'release/old-1');
    world.repo.commit({ 'src/app.ts': 'old\n' }, 'old release');
    world.repo.git('tag', 'v1.0', release);
    world.repo.git('tag', 'x1', release);
    const started = await world.watch.checkRepository(world.repo.dir);
    expect(started).toHaveLength(2);
    expect(details()).toEqual([`WebhookV2 Source@${source} (refs/heads/main)`, `WebhookV2 Source@${release} (refs/heads/release/1)`, `WebhookV2 Source@${release} (refs/tags/v1.0)`]);
    expect(await world.running.wait(started[0]!.pipelineExecutionId)).toMatchObject({ status: 'Succeeded', sourceRevisions: [expect.objectContaining({ revisionId: release })] });
  });

  it('finds a push made while slipway was down when it starts again, once', async () => {
    world = await triggerWorld(TEMPLATE, { 'src/app.ts': 'v1\n' });
    await world.watch.refresh();
    world.watch.close();
    const pushed = world.repo.commit({ 'src/app.ts': 'while down\n' }, 'while down');
    const again = new SourceWatch(world.running, world.account, { local: 3_600_000, remote: 3_600_000 });
    await again.refresh();
    await again.refresh();
    again.close();
    expect(details()).toEqual([`WebhookV2 Source@${pushed} (refs/heads/main)`]);
  });
});

describe('GitHub deliveries for connection sources', () => {
  let delivery = 0;
  async function deliver(event: string, payload: object, secret = triggerSecret(world.account.db, 'connections')) {
    const body = JSON.stringify(payload);
    const response = await fetch(`${world.base}/webhooks/connections`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': `d-${++delivery}`, 'x-hub-signature-256': signBody(body, secret) },
    });
    return {
      status: response.status,
      body: (await response.json()) as { message: string; outcomes: { started: boolean; reason?: string; pipelineExecutionId?: string }[] },
    };
  }
  const pullRequest = (action: string, head: string, base = 'main') => ({
    action, number: 7, repository: { full_name: 'acme/app' },
    pull_request: { base: { ref: base, sha: world.repo.git('rev-parse', base) }, head: { ref: 'feature', sha: head } },
  });

  it('a pull request opened into main with a source change starts the source branch\'s commit; docs-only, closed and unsigned ones do not', async () => {
    world = await triggerWorld(TEMPLATE, { 'src/app.ts': 'v1\n' });
    world.repo.git('checkout', '-q', '-b', 'feature');
    const feature = world.repo.commit({ 'src/app.ts': 'feature\n' }, 'feature work');
    world.repo.git('checkout', '-q', '-b', 'docs', 'main');
    const docs = world.repo.commit({ 'docs/guide.md': 'words\n' }, 'docs work');
    world.repo.git('checkout', '-q', 'main');

    const opened = await deliver('pull_request', pullRequest('opened', feature));
    expect(opened).toMatchObject({ status: 200, body: { outcomes: [{ started: true }] } });
    const execution = await world.running.wait(opened.body.outcomes[0]!.pipelineExecutionId!);
    expect(execution).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'WebhookV2', triggerDetail: `Source@${feature} (pull request #7 OPEN into main)` }, sourceRevisions: [expect.objectContaining({ revisionId: feature })] });

    expect((await deliver('pull_request', pullRequest('opened', docs))).body.outcomes).toEqual([expect.objectContaining({ started: false, reason: 'filter 1: no changed file passes FilePaths (1 changed)' })]);
    expect((await deliver('pull_request', pullRequest('closed', feature))).body.outcomes).toEqual([expect.objectContaining({ started: false, reason: 'filter 1: the pull request event CLOSED is not in Events' })]);
    expect((await deliver('pull_request', pullRequest('synchronize', feature, 'docs'))).body.outcomes).toEqual([expect.objectContaining({ started: false, reason: 'filter 1: target branch docs does not pass Branches' })]);
    expect((await deliver('pull_request', pullRequest('opened', feature), 'not-the-secret')).status).toBe(401);
    expect(world.executions()).toHaveLength(1);
  });

  it('a push delivery starts the pushed commit, and the watched repository does not start it again', async () => {
    world = await triggerWorld(TEMPLATE, { 'src/app.ts': 'v1\n' });
    world.watch.load();
    await world.watch.checkRepository(world.repo.dir);
    const before = world.repo.git('rev-parse', 'HEAD');
    const pushed = world.repo.commit({ 'src/app.ts': 'pushed\n' }, 'pushed');
    const payload = { ref: 'refs/heads/main', before, after: pushed, repository: { full_name: 'acme/app' }, commits: [{ id: pushed, added: [], removed: [], modified: ['src/app.ts'] }] };
    expect((await deliver('push', payload)).body.outcomes).toEqual([expect.objectContaining({ started: true })]);
    expect(await world.watch.checkRepository(world.repo.dir)).toEqual([]);
    expect((await deliver('push', payload)).body.outcomes).toEqual([expect.objectContaining({ started: false, reason: `an execution was already started for ${pushed} (refs/heads/main)` })]);
    expect((await deliver('push', { ...payload, after: 'f'.repeat(40) })).body.outcomes[0]!.reason).toMatch(/^commit f{40} is not in .*, the repository mapped to acme\/app; push it there first$/);
    expect(details()).toEqual([`WebhookV2 Source@${pushed} (refs/heads/main)`]);
  });
});
