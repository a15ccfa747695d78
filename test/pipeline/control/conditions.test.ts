// V2 stage conditions on real executions, with VariableCheck rules: BeforeEntry SKIP skips the
// stage (the execution goes on) and FAIL fails it; OnSuccess fails a stage whose check does not
// hold; OnFailure RETRY runs a failed stage once more; OnFailure ROLLBACK starts a ROLLBACK
// execution that runs the stage with the artifacts of the last execution that succeeded there.
// A rule type slipway does not run fails the stage with a message naming it.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineEngine } from '../../../src/local/pipeline/index.js';
import type { PipelineWorld } from '../support/pipeline-world.js';
import { actionRuns, buildAction, controlEngine, controlWorld, ONCE } from './support/control-world.js';

let world: PipelineWorld;
let engine: PipelineEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await world?.dispose();
});

/** A condition of one rule, in the template's words. */
function condition(result: string, provider: string, configuration: string): string {
  return `            Conditions:
              - Result: ${result}
                Rules:
                  - Name: Check
                    RuleTypeId: { Category: Rule, Owner: AWS, Provider: ${provider}, Version: '1' }
                    Configuration: ${configuration}
`;
}

/** The Deploy stage (its action's STAGE is b, so the ONCE marker fails it once) with `conditions`. */
function deploy(conditions: string): string {
  return `        - Name: Deploy
          Actions:
${buildAction('Deploy', 'b')}${conditions}`;
}

const ONLY_PROD = "{ Variable: '#{variables.Stage}', Value: prod, Operator: EQ }";
const run = async (variables: Record<string, string> = {}) => engine!.wait((await engine!.start('app', { trigger: { triggerType: 'StartPipelineExecution' }, variables })).pipelineExecutionId);

describe('stage conditions', () => {
  it('BeforeEntry SKIP: a check that does not hold skips the stage and the execution succeeds; one that holds runs it', async () => {
    world = await controlWorld(deploy(`          BeforeEntry:\n${condition('SKIP', 'VariableCheck', ONLY_PROD)}`), { everyStage: false });
    engine = controlEngine(world);
    const dev = await run();
    expect([dev.status, dev.stages]).toEqual(['Succeeded', { Source: 'Succeeded', Build: 'Succeeded', Deploy: 'Skipped' }]);
    expect(actionRuns(world, dev.pipelineExecutionId)).toEqual(['Source/Source Succeeded', 'Build/Build Succeeded']);
    expect(dev.conditions?.Deploy?.beforeEntry).toMatchObject({ status: 'Failed', rules: [{ ruleName: 'Check', status: 'Failed', summary: "rule Check: 'dev' EQ 'prod' does not hold" }] });
    const prod = await run({ Stage: 'prod' });
    expect([prod.status, prod.stages?.Deploy, prod.conditions?.Deploy?.beforeEntry?.status]).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
  }, 60_000);

  it('BeforeEntry FAIL fails the stage; OnSuccess fails a stage whose check does not hold', async () => {
    world = await controlWorld(deploy(`          BeforeEntry:\n${condition('FAIL', 'VariableCheck', ONLY_PROD)}`), { everyStage: false });
    engine = controlEngine(world);
    const failed = await run();
    expect([failed.status, failed.statusSummary]).toEqual(['Failed', "Stage Deploy failed: its BeforeEntry condition was not met (rule Check: 'dev' EQ 'prod' does not hold)"]);
    await world.dispose();
    world = await controlWorld(deploy(`          OnSuccess:\n${condition('FAIL', 'VariableCheck', "{ Variable: '#{SourceVariables.CommitMessage}', Value: 'release.*', Operator: MATCHES }")}`), { everyStage: false });
    engine = controlEngine(world);
    const checked = await run();
    expect([checked.status, checked.stages?.Deploy]).toEqual(['Failed', 'Failed']);
    expect(checked.statusSummary).toBe("Stage Deploy failed: its OnSuccess condition was not met (rule Check: 'initial commit' MATCHES 'release.*' does not hold)");
    expect(actionRuns(world, checked.pipelineExecutionId)).toContain('Deploy/Deploy Succeeded');
  }, 60_000);

  it('OnFailure RETRY runs the failed stage once more, with the retry mode it names', async () => {
    world = await controlWorld(deploy('          OnFailure: { Result: RETRY, RetryConfiguration: { RetryMode: ALL_ACTIONS } }\n'), { everyStage: false });
    engine = controlEngine(world);
    writeFileSync(ONCE, 'x');
    const ended = await run();
    expect(ended.status).toBe('Succeeded');
    expect(actionRuns(world, ended.pipelineExecutionId)).toEqual(['Source/Source Succeeded', 'Build/Build Succeeded', 'Deploy/Deploy Failed', 'Deploy/Deploy Succeeded']);
  }, 60_000);

  it('OnFailure ROLLBACK: a ROLLBACK execution runs the stage with the artifacts of the last execution that succeeded there', async () => {
    world = await controlWorld(deploy('          OnFailure: { Result: ROLLBACK }\n'), { everyStage: false });
    engine = controlEngine(world);
    const good = await run();
    expect(good.status).toBe('Succeeded');
    world.repo.commit({ version: '2\n' }, 'second');
    writeFileSync(ONCE, 'x');
    const bad = await run();
    expect(bad.status).toBe('Failed');
    const rollback = world.account.executions.list()[0]!;
    expect(bad.statusSummary).toBe(`Stage Deploy failed; rolled back to execution ${good.pipelineExecutionId} by execution ${rollback.pipelineExecutionId}`);
    const ended = await engine.wait(rollback.pipelineExecutionId);
    expect(ended).toMatchObject({ status: 'Succeeded', executionType: 'ROLLBACK', rollbackMetadata: { rollbackTargetPipelineExecutionId: good.pipelineExecutionId }, trigger: { triggerType: 'AutomatedRollback', triggerDetail: bad.pipelineExecutionId } });
    expect(actionRuns(world, rollback.pipelineExecutionId)).toEqual(['Deploy/Deploy Succeeded']);
    const deployed = world.account.executions.actions({ pipelineExecutionId: rollback.pipelineExecutionId })[0]!;
    expect(deployed.output.outputVariables).toEqual({ BUILT: 'built-1' });
    expect(deployed.input.inputArtifacts).toEqual([good.artifacts.Src]);
  }, 90_000);

  it('a rule type slipway does not run fails the stage with a message naming it, whatever its result', async () => {
    world = await controlWorld(deploy(`          BeforeEntry:\n${condition('SKIP', 'LambdaInvoke', '{ FunctionName: check }')}`), { everyStage: false });
    engine = controlEngine(world);
    const ended = await run();
    expect(ended.status).toBe('Failed');
    expect(ended.statusSummary).toContain('rule type Rule/AWS/LambdaInvoke/1 is not run locally (slipway runs VariableCheck rules)');
    expect(ended.conditions?.Deploy?.beforeEntry?.status).toBe('Errored');
  }, 60_000);
});
