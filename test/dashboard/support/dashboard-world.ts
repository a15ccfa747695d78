// A real `slipway up --port 0 --json` on a temporary home, in a real Git repository whose
// pipeline (a connection source mapped to the repository, then a CodeBuild action that runs on
// the host) starts on every commit: the world the dashboard's browser tests run in.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeGitRepo, type GitRepo } from '../../support/git-repo.js';
import { startSlipway, type SlipwayProcess } from '../../support/slipway-process.js';
import { pipelineTemplate } from '../../pipeline/support/pipeline-world.js';

/** The build: coloured output, a slow count when `slow` holds a number, a failure when `fail` exists. */
export const DASHBOARD_BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - printf '\\033[1;32mgreen and bold\\033[0m then \\033[31mred\\033[0m\\n'
      - if [ -f slow ]; then for i in $(seq 1 "$(cat slow)"); do echo "tick $i"; sleep 0.4; done; fi
      - if [ -f fail ]; then echo "the build breaks here"; exit 3; fi
      - echo "built version $(cat version)"
artifacts:
  files: version
`;

/** After Build, a stage of one manual approval, Approve (CodePipeline's Approval/AWS/Manual/1), then a stage of one more build, Release. */
export const APPROVAL_STAGE = `        - Name: Approve
          Actions:
            - Name: Approve
              ActionTypeId: { Category: Approval, Owner: AWS, Provider: Manual, Version: '1' }
              Configuration: { CustomData: 'Check the build of #{SourceVariables.CommitId}' }
        - Name: Release
          Actions:
            - Name: Release
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1' }
              Configuration: { ProjectName: !Ref Project }
              InputArtifacts: [{ Name: Src }]
`;

/** What `up --json` says when it is ready. */
export interface Ready {
  endpoint: string;
  registry: string;
  dashboard: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** The running up, its home and repository. */
export interface DashboardWorld {
  home: string;
  repo: GitRepo;
  ready: Ready;
  up: SlipwayProcess;
  dispose(): Promise<void>;
}

/** Starts up on a new home with the pipeline's stack (`extraStage` appended to the template); resolves once it is ready. */
export async function dashboardWorld(extraStage = ''): Promise<DashboardWorld> {
  const home = mkdtempSync(join(tmpdir(), 'slipway-dashboard-'));
  const repo = makeGitRepo({ 'buildspec.yml': DASHBOARD_BUILDSPEC, version: '1\n' });
  const template = join(home, 'pipeline.yaml');
  writeFileSync(template, pipelineTemplate('SUPERSEDED', extraStage, true));
  const up = startSlipway(['up', '--port', '0', '--json', '--home', home, '--template', template, '--stack-name', 'pipe', '--source', `acme/app=${repo.dir}`], { cwd: repo.dir });
  const ready = await readyLine(up);
  return {
    home, repo, ready, up,
    dispose: async () => {
      up.child.kill('SIGINT');
      await up.exited;
      rmSync(home, { recursive: true, force: true });
      rmSync(repo.dir, { recursive: true, force: true });
    },
  };
}

/** The first stdout line of `up --json` (the ready event). */
async function readyLine(up: SlipwayProcess): Promise<Ready> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const line = up.stdout().split('\n').find((one) => one.includes('"type":"ready"'));
    if (line) return JSON.parse(line) as Ready;
    if (up.child.exitCode !== null || Date.now() > deadline) throw new Error(`slipway up did not become ready:\n${up.stderr()}`);
    await sleep(50);
  }
}
