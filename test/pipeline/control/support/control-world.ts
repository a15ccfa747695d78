// The pipeline tests' world (a temporary account, a real Git repository, CodeBuild actions on the
// host or in a local container) with the pieces the control tests add: extra stages (a manual
// approval, a stage of two builds, conditions), an engine whose approval minutes and transition
// polling are short, a marker file on the host that breaks the build from outside the source (so a
// retry can succeed on the same revision), and the build containers and host processes of a build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PipelineEngine } from '../../../../src/local/pipeline/index.js';
import { ensureBusyboxImage } from '../../../support/busybox-image.js';
import { BUILDSPEC, pipelineTemplate, pipelineWorld, type PipelineWorld } from '../../support/pipeline-world.js';

/** A folder on the host whose `broken` file makes every build fail (something outside the source, fixed without a commit). */
export const MARKER_DIR = mkdtempSync(join(tmpdir(), 'slipway-control-marker-'));
export const MARKER = join(MARKER_DIR, 'broken');
/** A file whose presence fails the next build that sees it, which removes it (so a second try passes). */
export const ONCE = join(MARKER_DIR, 'once');

/** The world's buildspec plus a check of the host marker (for the action whose STAGE is `b`, or every one when `everyStage`). */
export function controlBuildspec(everyStage = true): string {
  const check = everyStage ? `[ -e ${MARKER} ]` : `[ "$STAGE" = b ] && [ -e ${MARKER} ]`;
  const once = `      - if [ "$STAGE" = b ] && [ -e ${ONCE} ]; then rm ${ONCE}; echo "failing once"; exit 5; fi\n`;
  return BUILDSPEC.replace('      - if [ -f fail ]; then exit 3; fi\n', `      - if [ -f fail ]; then exit 3; fi\n      - if ${check}; then echo "the environment is broken"; exit 4; fi\n${once}`);
}

/** A build action of the test project; `stage` is its STAGE variable. */
export function buildAction(name: string, stage: string, runOrder = 1): string {
  return `            - Name: ${name}
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1' }
              RunOrder: ${runOrder}
              Configuration: { ProjectName: !Ref Project, EnvironmentVariables: '[{"name":"STAGE","value":"${stage}"}]' }
              InputArtifacts: [{ Name: Src }]
`;
}

/** A stage of manual approval named Approve. */
export function approvalStage(timeoutMinutes?: number): string {
  return `        - Name: Approve
          Actions:
            - Name: Approve
              ActionTypeId: { Category: Approval, Owner: AWS, Provider: Manual, Version: '1' }
              Configuration: { CustomData: 'Check the build of #{SourceVariables.CommitId}', ExternalEntityLink: 'http://127.0.0.1/review', NotificationArn: 'arn:aws:sns:us-east-1:000000000000:approvals' }
${timeoutMinutes === undefined ? '' : `              TimeoutInMinutes: ${timeoutMinutes}\n`}`;
}

/** The world with `stages` after Source and Build, the control buildspec, and `files` in the repository. */
export function controlWorld(stages: string, options: { mode?: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL'; files?: Record<string, string>; everyStage?: boolean } = {}): Promise<PipelineWorld> {
  rmSync(MARKER, { force: true });
  rmSync(ONCE, { force: true });
  return pipelineWorld(pipelineTemplate(options.mode, stages), { 'buildspec.yml': controlBuildspec(options.everyStage ?? true), ...options.files });
}

/** An engine of the world's account with short approval minutes and transition polling. */
export function controlEngine(world: PipelineWorld, options: { minuteMs?: number; transitionPollMs?: number } = {}): PipelineEngine {
  return world.account.pipelineEngine({ minuteMs: options.minuteMs, transitionPollMs: options.transitionPollMs ?? 100 });
}

/** Maps the project's image to the local busybox image, so the world's builds run in containers. */
export function buildInContainers(world: PipelineWorld): void {
  mkdirSync(dirname(world.account.layout.imageMap), { recursive: true });
  writeFileSync(world.account.layout.imageMap, JSON.stringify({ 'aws/codebuild/standard:7.0': ensureBusyboxImage() }));
}

/** The ids of the containers (running or not) of a build. */
export function buildContainers(buildId: string): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=slipway.codebuild.build-id=${buildId}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** The host processes a build runs (each carries CODEBUILD_BUILD_ID in its environment). */
export function buildProcesses(buildId: string): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`CODEBUILD_BUILD_ID=${buildId}`);
    } catch {
      return false;
    }
  }).map(Number);
}

/** The build id an action of an execution ran, once it has one. */
export async function buildOf(world: PipelineWorld, executionId: string, actionName: string): Promise<string> {
  for (let tries = 0; tries < 600; tries += 1) {
    const run = world.account.executions.actions({ pipelineExecutionId: executionId }).find((one) => one.actionName === actionName);
    const id = run?.output.executionResult?.externalExecutionId;
    if (id) return id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`action ${actionName} of ${executionId} started no build`);
}

/** How many times each action of an execution ran, and how each run ended, oldest first. */
export function actionRuns(world: PipelineWorld, executionId: string): string[] {
  return world.account.executions.actions({ pipelineExecutionId: executionId }).reverse().map((run) => `${run.stageName}/${run.actionName} ${run.status}`);
}
