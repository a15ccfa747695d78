// The control commands when no `slipway up` runs on the home: a transition is recorded in the home
// and the `slipway start` that runs an execution (another process) follows it; stopping that
// execution from a third process is refused with a message saying that only the process running it
// can (exit 3); `slipway retry` runs the retry in its own process.
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runSlipway } from '../../support/run-cli.js';
import { startSlipway } from '../../support/slipway-process.js';
import type { PipelineWorld } from '../support/pipeline-world.js';
import { controlWorld, MARKER } from './support/control-world.js';

let world: PipelineWorld;
afterEach(async () => {
  await world?.dispose();
  rmSync(MARKER, { force: true });
});

const slipway = (...args: string[]) => runSlipway([...args, '--home', world.home], { cwd: world.repo.dir });

describe('control commands without slipway up', () => {
  it('transition disable holds the execution a slipway start runs; stop is refused from another process; transition enable releases it', async () => {
    world = await controlWorld('');
    const disabled = await slipway('transition', 'disable', 'app', 'Build', '--reason', 'freeze');
    expect([disabled.code, disabled.stdout], disabled.stderr).toEqual([0, 'app Build: inbound transition disabled (freeze)\n']);
    const started = startSlipway(['start', 'app', '--home', world.home], { cwd: world.repo.dir });
    try {
      await started.stderrMatches(/waiting: the transition into stage Build is disabled \(freeze\)/);
      const [execution] = world.account.executions.list();
      const stop = await slipway('stop', execution!.pipelineExecutionId);
      expect(stop.code).toBe(3);
      expect(stop.stderr).toContain(`cannot stop execution ${execution!.pipelineExecutionId}: no slipway up runs on this home, and only the process running an execution can stop it`);
      const approve = await slipway('approve', execution!.pipelineExecutionId, 'Build');
      expect([approve.code, approve.stderr]).toEqual([1, expect.stringContaining('Action Build of execution')]);
      const json = JSON.parse((await slipway('transition', 'enable', 'app', 'Build', '--json')).stdout) as Record<string, unknown>;
      expect(json).toMatchObject({ pipelineName: 'app', stageName: 'Build', inboundTransitionState: { enabled: true, lastChangedBy: 'arn:aws:iam::000000000000:root' } });
      expect((await started.exited).code).toBe(0);
      expect(started.stdout()).toBe(`app ${execution!.pipelineExecutionId} Succeeded\n`);
    } finally {
      started.child.kill('SIGINT');
    }
  }, 60_000);

  it('retry runs the failed stage again in its own process and follows it to its end', async () => {
    world = await controlWorld('');
    writeFileSync(MARKER, 'x');
    const failed = await slipway('start', 'app');
    expect(failed.code).toBe(1);
    const [execution] = world.account.executions.list();
    const id = execution!.pipelineExecutionId;
    const refused = await slipway('retry', id, 'Source');
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining(`Stage Source of execution ${id} cannot be retried: the stage is Succeeded, not failed`)]);
    rmSync(MARKER);
    const retried = await slipway('retry', id, 'Build', '--all');
    expect([retried.code, retried.stdout], retried.stderr).toEqual([0, `app ${id} Succeeded\n`]);
    expect(retried.stderr).toContain('execution resumed: retrying stage Build (ALL_ACTIONS)');
    expect(world.account.executions.list()).toHaveLength(1);
    const missing = await slipway('stop', '00000000-0000-0000-0000-000000000000');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('Pipeline execution 00000000-0000-0000-0000-000000000000 does not exist in this home')]);
  }, 60_000);
});
