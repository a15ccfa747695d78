// Secrets never reach the page: a GitHub version 1 source's OAuthToken and a stack's NoEcho
// parameter, wherever they would show (the pipeline's configuration, the execution, the build,
// the stack's parameters and an output that repeats the value), read through every view's API
// and the page itself while up runs the pipeline that uses them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { send } from '../registry/http-client.js';
import { runSlipway } from '../support/run-cli.js';
import { eventually, ownHeaders, readApi } from './support/dashboard-http.js';
import { dashboardWorld, type DashboardWorld } from './support/dashboard-world.js';

const SECRET = 'ghp_dashboardNeverShowsThis1234';

const TEMPLATE = `Parameters:
  GitHubToken: { Type: String, NoEcho: true }
  Visible: { Type: String, Default: shown-value }
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: gh
      RoleArn: arn:aws:iam::000000000000:role/gh
      ArtifactStore: { Type: S3, Location: pipe-artifacts }
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: ThirdParty, Provider: GitHub, Version: '1' }
              Configuration: { Owner: acme, Repo: app, Branch: main, OAuthToken: !Ref GitHubToken, PollForSourceChanges: false }
              OutputArtifacts: [{ Name: Src }]
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1' }
              Configuration: { ProjectName: app-build }
              InputArtifacts: [{ Name: Src }]
              OutputArtifacts: [{ Name: Out }]
Outputs:
  Leaky: { Value: !Sub 'token-\${GitHubToken}-end' }
  Plain: { Value: !Ref Visible }
`;

let world: DashboardWorld;
beforeAll(async () => {
  world = await dashboardWorld();
  const file = join(world.home, 'secrets.yaml');
  writeFileSync(file, TEMPLATE);
  const created = await runSlipway(['stack', 'create', '--template', file, '--stack-name', 'secrets', '--parameter', `GitHubToken=${SECRET}`, '--home', world.home], { cwd: world.repo.dir });
  expect(created.code, created.stderr).toBe(0);
});
afterAll(() => world?.dispose());

it('masks OAuth tokens and NoEcho values in every answer the page reads', async () => {
  type Summary = { pipelineExecutionId: string; status: string };
  const execution = await eventually(async () => {
    const { executions } = await readApi<{ executions: Summary[] }>(world.ready, '/pipelines/gh/executions');
    return executions[0] && executions[0].status !== 'InProgress' ? executions[0] : undefined;
  }, 'the gh pipeline (started in up when another process created it) to end');
  expect(execution.status).toBe('Succeeded');
  const detail = await readApi<{ stages: { actions: { configuration: Record<string, string>; latest?: { buildId?: string } }[] }[] }>(world.ready, `/executions/${execution.pipelineExecutionId}`);
  const buildId = detail.stages[1]!.actions[0]!.latest!.buildId!;
  const paths = ['/overview', '/pipelines', '/pipelines/gh', '/pipelines/gh/executions', `/executions/${execution.pipelineExecutionId}`, '/stacks', '/stacks/secrets',
    `/builds/${encodeURIComponent(buildId)}`, `/builds/${encodeURIComponent(buildId)}/log?limit=2000`, '/registry'];
  for (const path of paths) expect({ path, leaks: JSON.stringify(await readApi(world.ready, path)).includes(SECRET) }).toEqual({ path, leaks: false });
  const page = await send(world.ready.endpoint, 'GET', '/pipelines/gh', { headers: { host: ownHeaders(world.ready).host } });
  expect(page.body.toString()).not.toContain(SECRET);

  expect(detail.stages[0]!.actions[0]!.configuration).toMatchObject({ Owner: 'acme', Repo: 'app', OAuthToken: '****' });
  const stack = await readApi<{ parameters: unknown[]; outputs: unknown[] }>(world.ready, '/stacks/secrets');
  expect(stack.parameters).toEqual(expect.arrayContaining([{ key: 'GitHubToken', value: '****', noEcho: true }, { key: 'Visible', value: 'shown-value', noEcho: false }]));
  expect(stack.outputs).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'Leaky', value: 'token-****-end' }), expect.objectContaining({ key: 'Plain', value: 'shown-value' })]));
});
