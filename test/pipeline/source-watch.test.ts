// Git triggers: which trigger each source provider's configuration gives a push (the defaults of
// aws-semantics §2), and a real commit seen through file-system events on the repository, with
// polling set to an hour so that only the event can have started the execution.
import { afterEach, describe, expect, it } from 'vitest';
import { changeDetection, SourceWatch } from '../../src/local/pipeline/index.js';
import type { ActionDeclaration, PipelineDeclaration } from '../../src/local/pipeline/model.js';
import { pipelineTemplate, pipelineWorld, type PipelineWorld } from './support/pipeline-world.js';

let world: PipelineWorld;
let watch: SourceWatch | undefined;
afterEach(async () => {
  watch?.close();
  await world?.dispose();
});

const action = (provider: string, configuration: Record<string, unknown>) =>
  ({ name: 'Source', actionTypeId: { category: 'Source', owner: provider === 'CodeStarSourceConnection' || provider === 'CodeCommit' ? 'AWS' : 'ThirdParty', provider, version: '1' }, configuration }) as unknown as ActionDeclaration;
const pipeline = (triggers: unknown[] = []) => ({ triggers }) as unknown as PipelineDeclaration;

describe('change detection', () => {
  it('GitHub version 1 polls unless PollForSourceChanges is false; then only a webhook starts it', () => {
    expect(changeDetection(pipeline(), action('GitHub', {}), false)).toBe('PollForSourceChanges');
    expect(changeDetection(pipeline(), action('GitHub', { PollForSourceChanges: 'false' }), false)).toBeUndefined();
    expect(changeDetection(pipeline(), action('GitHub', { PollForSourceChanges: false }), true)).toBe('Webhook');
  });

  it('CodeCommit polls unless PollForSourceChanges is false', () => {
    expect(changeDetection(pipeline(), action('CodeCommit', {}), false)).toBe('PollForSourceChanges');
    expect(changeDetection(pipeline(), action('CodeCommit', { PollForSourceChanges: 'false' }), false)).toBeUndefined();
  });

  it('a connection detects pushes unless DetectChanges is false, as WebhookV2 when a trigger names its action', () => {
    expect(changeDetection(pipeline(), action('CodeStarSourceConnection', {}), false)).toBe('Webhook');
    expect(changeDetection(pipeline(), action('CodeStarSourceConnection', { DetectChanges: 'false' }), false)).toBeUndefined();
    expect(changeDetection(pipeline([{ gitConfiguration: { SourceActionName: 'Source' } }]), action('CodeStarSourceConnection', {}), false)).toBe('WebhookV2');
    expect(changeDetection(pipeline([{ gitConfiguration: { SourceActionName: 'Other' } }]), action('CodeStarSourceConnection', {}), false)).toBe('Webhook');
  });
});

async function executionsReach(count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (world.account.executions.list().length < count) {
    if (Date.now() > deadline) throw new Error(`${world.account.executions.list().length} executions after ${timeoutMs} ms, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return world.account.executions.list();
}

describe('a watched repository', () => {
  it('starts an execution for a commit to the branch within seconds, by file-system event, and none for a commit to another branch', async () => {
    world = await pipelineWorld(pipelineTemplate('QUEUED', '', true));
    const engine = world.engine();
    watch = new SourceWatch(engine, world.account, { local: 3_600_000, remote: 3_600_000 });
    // The pipeline never ran: the first look starts an execution for the branch as it is.
    await watch.refresh();
    const [initial] = await executionsReach(1, 1000);
    expect(initial!.trigger.triggerDetail).toBe(`Source@${world.repo.git('rev-parse', 'HEAD')}`);

    const pushed = world.repo.commit({ version: '2\n' }, 'second');
    const [second] = await executionsReach(2, 5000);
    expect(second).toMatchObject({ trigger: { triggerType: 'Webhook', triggerDetail: `Source@${pushed}` } });
    expect(await engine.wait(second!.pipelineExecutionId)).toMatchObject({ status: 'Succeeded', sourceRevisions: [expect.objectContaining({ revisionId: pushed })] });

    world.repo.git('checkout', '-q', '-b', 'feature');
    world.repo.commit({ version: 'feature\n' }, 'elsewhere');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(world.account.executions.list()).toHaveLength(2);
  });
});
