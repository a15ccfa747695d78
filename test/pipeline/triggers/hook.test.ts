// `slipway hook install` in a repository, and what its hooks do on a real `git commit`: with no
// `slipway up` on the home they run the pipeline that reads the repository in the hook's process,
// to its end; with one running they tell it (a signed call to its /webhooks/hook), and the commit
// is built once. The hook route itself refuses unsigned calls and calls signed with another secret.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hookCall } from '../../../src/local/pipeline/index.js';
import { runSlipwayProcess, startSlipway, type SlipwayProcess } from '../../support/slipway-process.js';
import { pipelineTemplate, pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { triggerTemplate, triggerWorld, until, type TriggerWorld } from './support/trigger-world.js';

let world: PipelineWorld | undefined;
let triggers: TriggerWorld | undefined;
let up: SlipwayProcess | undefined;
afterEach(async () => {
  if (up) {
    up.child.kill('SIGINT');
    await up.exited;
    up = undefined;
  }
  await triggers?.close();
  await world?.dispose();
  [world, triggers] = [undefined, undefined];
});

/** Commits with the git CLI (so the hooks run) and returns the commit and what the hooks printed. */
function commitWithHooks(dir: string, file: string, content: string): { commit: string; output: string } {
  writeFileSync(join(dir, file), content);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  const committed = spawnSync('git', ['commit', '-q', '-m', `change ${file}`], { cwd: dir, env, encoding: 'utf8' });
  if (committed.status !== 0) throw new Error(`git commit failed: ${committed.stderr}`);
  return { commit: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim(), output: `${committed.stdout}${committed.stderr}` };
}

describe('slipway hook install', () => {
  it('installs hooks that, with no slipway up running, build a commit in the hook\'s own process; installing again keeps one copy and the user\'s own lines', async () => {
    world = await pipelineWorld(pipelineTemplate('SUPERSEDED', '', true));
    const hookFile = join(world.repo.dir, '.git', 'hooks', 'post-commit');
    writeFileSync(hookFile, '#!/bin/sh\necho "the user\'s own hook"\n', { mode: 0o755 });
    for (let round = 0; round < 2; round += 1) {
      const installed = await runSlipwayProcess(['hook', 'install', '--repository', 'acme/app', '--home', world.home], { cwd: world.repo.dir });
      expect(installed.code, installed.stderr).toBe(0);
      expect(installed.stdout).toContain(`installed post-commit, post-merge, post-rewrite in ${join(world.repo.dir, '.git', 'hooks')}; acme/app reads ${world.repo.dir}`);
    }
    const script = readFileSync(hookFile, 'utf8');
    expect(script.match(/slipway hook: tells slipway/g)).toHaveLength(1);
    expect(script).toContain('echo "the user\'s own hook"');

    const { commit, output } = commitWithHooks(world.repo.dir, 'version', '2\n');
    expect(output).toContain('slipway up is not running on this home: running the pipelines here');
    expect(output).toContain("the user's own hook");
    const [execution] = world.account.executions.list();
    expect(execution).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'Webhook', triggerDetail: `Source@${commit}` }, sourceRevisions: [expect.objectContaining({ revisionId: commit })] });
    // The same commit is not built again, by the hook or by anything else.
    const again = await runSlipwayProcess(['hook', 'notify', '--repository-path', world.repo.dir, '--home', world.home], { cwd: world.repo.dir });
    expect(again.stderr).toContain('nothing new to start');
    expect(world.account.executions.list()).toHaveLength(1);
  });

  it('with slipway up running, the hook tells it, and the commit is built once', async () => {
    world = await pipelineWorld(pipelineTemplate('SUPERSEDED', '', true));
    up = startSlipway(['up', '--port', '0', '--json', '--poll-interval', '3600', '--home', world.home], { cwd: world.repo.dir });
    await until(() => up!.stdout().includes('"type":"ready"'), 'slipway up to be ready', 30_000);
    const endpoint = (JSON.parse(up.stdout().split('\n').find((line) => line.includes('"type":"ready"'))!) as { endpoint: string }).endpoint;
    await until(() => world!.account.executions.list().length === 1 || undefined, 'the first look at the repository', 30_000);
    expect((await runSlipwayProcess(['hook', 'install', '--home', world.home], { cwd: world.repo.dir })).code).toBe(0);
    const { commit, output } = commitWithHooks(world.repo.dir, 'version', '3\n');
    expect(output).toMatch(new RegExp(`^slipway up \\(${endpoint.replace(/[.]/g, '\\.')}\\): (started [\\w-]+ \\(slipway logs <id> --follow\\)|nothing new to start)$`, 'm'));
    await until(() => world!.account.executions.list().find((one) => one.sourceRevisions.length > 0 && one.trigger.triggerDetail === `Source@${commit}`), 'the commit to be started');
    const notified = await runSlipwayProcess(['hook', 'notify', '--repository-path', world.repo.dir, '--home', world.home], { cwd: world.repo.dir });
    expect(notified.stderr).toContain(`slipway up (${endpoint}): nothing new to start`);
    expect(world.account.executions.list().filter((one) => one.trigger.triggerDetail === `Source@${commit}`)).toHaveLength(1);
  });
});

describe('the hook route', () => {
  it('checks the repository it is told of, and refuses unsigned calls and calls signed with another secret', async () => {
    triggers = await triggerWorld(triggerTemplate({ source: `            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Connection, FullRepositoryId: acme/app, BranchName: main }
              OutputArtifacts: [{ Name: Src }]` }));
    triggers.watch.load(); // no file-system watching: only the call can start anything
    const commit = triggers.repo.commit({ version: '2\n' });
    const { body, signature } = hookCall(triggers.account.db, triggers.repo.dir);
    const call = (headers: Record<string, string>) => fetch(`${triggers!.base}/webhooks/hook`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    expect((await call({})).status).toBe(401);
    expect((await call({ 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` })).status).toBe(401);
    expect(triggers.executions()).toHaveLength(0);
    const answer = await call({ 'x-hub-signature-256': signature });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { message: string }).message).toBe('started 1');
    expect(triggers.executions()).toEqual([expect.objectContaining({ trigger: { triggerType: 'Webhook', triggerDetail: `Source@${commit}` } })]);
  });
});
