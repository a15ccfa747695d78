// Two commands on one stack at once: the first to begin an operation owns the stack (a
// compare-and-set of its status), the second gets CloudFormation's answer for a stack in progress
// and changes nothing; a live owner's operation is never taken over as if it had died.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSlipwayProcess, startSlipway, type SlipwayProcess } from '../support/slipway-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-concurrent-'));
  writeFileSync(join(dir, 'app.yaml'), 'Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n  Topic: { Type: AWS::SNS::Topic }\n');
  writeFileSync(join(dir, 'app2.yaml'), 'Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n  Topic: { Type: AWS::SNS::Topic, Properties: { DisplayName: two } }\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const home = () => join(dir, 'home');
const slipway = (args: string[]) => runSlipwayProcess([...args, '--home', home()], { cwd: dir });
const frozenAt = (args: string[], point: string) => startSlipway([...args, '--home', home()], { cwd: dir, env: { SLIPWAY_FAULTS: `${point}=stop` } });

/** Waits until the kernel reports the process stopped (SIGSTOP took effect). */
async function stopped(process: SlipwayProcess): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const stat = readFileSync(`/proc/${process.child.pid!}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
    await sleep(50);
  }
  throw new Error(`the process never stopped: ${process.stderr()}`);
}

async function resume(process: SlipwayProcess) {
  process.child.kill('SIGCONT');
  return process.exited;
}

describe('a second command on a stack in progress', () => {
  it('during a create: create, update and delete are refused with CloudFormation\'s messages, and the create then completes', async () => {
    const first = frozenAt(['stack', 'create', '--template', 'app.yaml'], 'stack.operation.begun#1');
    await stopped(first);
    const create = await slipway(['stack', 'create', '--template', 'app.yaml']);
    expect(create.code).toBe(2);
    expect(create.stderr).toContain('Stack [app] already exists (status CREATE_IN_PROGRESS)');
    const update = await slipway(['stack', 'update', '--stack-name', 'app', '--template', 'app2.yaml']);
    expect(update.code).toBe(2);
    expect(update.stderr).toMatch(/Stack:arn:aws:cloudformation:us-east-1:000000000000:stack\/app\/[\w-]+ is in CREATE_IN_PROGRESS state and can not be updated\./);
    const remove = await slipway(['stack', 'delete', '--stack-name', 'app']);
    expect(remove.code).toBe(2);
    expect(remove.stderr).toContain('Stack [app] cannot be deleted while in status CREATE_IN_PROGRESS');
    // The owner is alive (only stopped): nobody took its operation over.
    for (const run of [create, update, remove]) expect(run.stderr).not.toMatch(/recovered:/);
    expect(await resume(first)).toEqual({ code: 0, signal: null });
    const described = JSON.parse((await slipway(['stack', 'describe', '--stack-name', 'app', '--json'])).stdout) as { StackStatus: string; Resources: unknown[] };
    expect(described.StackStatus).toBe('CREATE_COMPLETE');
    expect(described.Resources).toHaveLength(2);
  });

  it('during an update: a second update is refused and the first one lands', async () => {
    expect((await slipway(['stack', 'create', '--template', 'app.yaml'])).code).toBe(0);
    const first = frozenAt(['stack', 'update', '--stack-name', 'app', '--template', 'app2.yaml'], 'stack.operation.begun#1');
    await stopped(first);
    const second = await slipway(['stack', 'update', '--stack-name', 'app', '--template', 'app.yaml']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/is in UPDATE_IN_PROGRESS state and can not be updated\./);
    expect(await resume(first)).toEqual({ code: 0, signal: null });
    const described = JSON.parse((await slipway(['stack', 'describe', '--stack-name', 'app', '--json'])).stdout) as { StackStatus: string; Events: { LogicalResourceId: string; ResourceStatus: string }[] };
    expect(described.StackStatus).toBe('UPDATE_COMPLETE');
    expect(described.Events.filter((event) => event.LogicalResourceId === 'app' && event.ResourceStatus === 'UPDATE_IN_PROGRESS')).toHaveLength(1);
  });
});

describe('two creates of one name started together', () => {
  it('make one stack: exactly one succeeds, the other gets AlreadyExistsException, in every round', async () => {
    for (let round = 0; round < 4; round++) {
      const stackName = `race${round}`;
      const runs = await Promise.all([0, 1].map(() => slipway(['stack', 'create', '--template', 'app.yaml', '--stack-name', stackName])));
      expect(runs.map((run) => run.code).sort()).toEqual([0, 2]);
      expect(runs.find((run) => run.code === 2)?.stderr).toContain(`Stack [${stackName}] already exists`);
    }
    const stacks = JSON.parse((await slipway(['stack', 'describe', '--json'])).stdout) as { Stacks: { StackName: string; StackStatus: string }[] };
    expect(stacks.Stacks.map((stack) => `${stack.StackName} ${stack.StackStatus}`)).toEqual(['race0 CREATE_COMPLETE', 'race1 CREATE_COMPLETE', 'race2 CREATE_COMPLETE', 'race3 CREATE_COMPLETE']);
  });
});
