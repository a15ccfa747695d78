// Deliveries to an AWS::CodePipeline::Webhook's URL over real HTTP, as GitHub sends them: signed
// correctly and wrongly (X-Hub-Signature-256 and the older X-Hub-Signature), unsigned, replayed
// (also after the route is made anew: the ids are kept in the home), oversized, of the wrong
// content type, and filtered out by the webhook's JSONPath filters; the stack's WebhookUrl output
// is where the route serves them.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookRoute } from '../../../src/local/pipeline/index.js';
import { signBody } from '../../../src/local/pipeline/webhook-signature.js';
import { triggerTemplate, triggerWorld, type TriggerWorld } from './support/trigger-world.js';

const SECRET = 'webhook-s3cret';
const TEMPLATE = triggerTemplate({
  source: `            - Name: Source
              ActionTypeId: { Category: Source, Owner: ThirdParty, Provider: GitHub, Version: '1' }
              Configuration: { Owner: acme, Repo: app, Branch: main, OAuthToken: not-used-locally, PollForSourceChanges: false }
              OutputArtifacts: [{ Name: Src }]`,
  resources: `  Webhook:
    Type: AWS::CodePipeline::Webhook
    Properties:
      Name: app-webhook
      Authentication: GITHUB_HMAC
      AuthenticationConfiguration: { SecretToken: ${SECRET} }
      Filters: [{ JsonPath: $.ref, MatchEquals: 'refs/heads/{Branch}' }]
      TargetPipeline: !Ref Pipeline
      TargetAction: Source
      TargetPipelineVersion: !GetAtt Pipeline.Version`,
  outputs: '  WebhookUrl: { Value: !GetAtt Webhook.Url }\n',
});

let world: TriggerWorld;
afterEach(() => world?.close());

/** The webhook's URL on the test server (the stack output's path and query). */
function webhookUrl(): string {
  const output = world.account.stacks.describe('pipe').Outputs.find((one) => one.OutputKey === 'WebhookUrl')!.OutputValue;
  const url = new URL(output);
  return `${world.base}${url.pathname}${url.search}`;
}

let deliveries = 0;
function pushPayload(ref: string, after: string) {
  return JSON.stringify({ ref, before: '0'.repeat(40), after, repository: { full_name: 'acme/app' }, commits: [{ id: after, added: ['version'], removed: [], modified: [] }] });
}

async function deliver(body: string, headers: Record<string, string> = {}, url = webhookUrl()) {
  const response = await fetch(url, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': `delivery-${++deliveries}`, 'x-hub-signature-256': signBody(body, SECRET), ...headers },
  });
  return {
    status: response.status,
    body: (await response.json()) as { message: string; outcomes?: { started: boolean; pipelineExecutionId?: string; reason?: string }[] },
  };
}

describe('a CodePipeline webhook', () => {
  it('is served where the stack\'s WebhookUrl output points, and a correctly signed push starts the pipeline at the pushed commit', async () => {
    world = await triggerWorld(TEMPLATE);
    const output = world.account.stacks.describe('pipe').Outputs.find((one) => one.OutputKey === 'WebhookUrl')!.OutputValue;
    expect(output).toMatch(/^http:\/\/127\.0\.0\.1:4610\/webhooks\/trigger\?t=[\w-]{32}&v=1$/);
    const commit = world.repo.commit({ version: '2\n' }, 'pushed');
    const answer = await deliver(pushPayload('refs/heads/main', commit));
    expect(answer).toMatchObject({ status: 200, body: { message: 'delivered', outcomes: [{ started: true }] } });
    const [execution] = world.executions();
    expect(execution).toMatchObject({ pipelineExecutionId: answer.body.outcomes![0]!.pipelineExecutionId, trigger: { triggerType: 'Webhook', triggerDetail: `app-webhook Source@${commit}` } });
    expect(await world.running.wait(execution!.pipelineExecutionId)).toMatchObject({ status: 'Succeeded', sourceRevisions: [expect.objectContaining({ revisionId: commit })] });
    // The same commit delivered again (a new delivery id) is not built twice.
    expect((await deliver(pushPayload('refs/heads/main', commit))).body.outcomes).toEqual([expect.objectContaining({ started: false, reason: `an execution was already started for ${commit}` })]);
    expect(world.executions()).toHaveLength(1);
  });

  it('refuses a wrong signature, a missing one, and a body signed with another secret; takes the older sha1 signature', async () => {
    world = await triggerWorld(TEMPLATE);
    const body = pushPayload('refs/heads/main', world.repo.git('rev-parse', 'HEAD'));
    expect(await deliver(body, { 'x-hub-signature-256': signBody(`${body} `, SECRET) })).toMatchObject({ status: 401, body: { message: "the signature does not match the body under this webhook's secret" } });
    expect(await deliver(body, { 'x-hub-signature-256': signBody(body, 'another-secret') })).toMatchObject({ status: 401 });
    const unsigned = await fetch(webhookUrl(), { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'unsigned' } });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { message: string }).message).toContain('X-Hub-Signature-256 is missing');
    expect(world.executions()).toHaveLength(0);
    const sha1 = await fetch(webhookUrl(), { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'sha1', 'x-hub-signature': signBody(body, SECRET, 'sha1') } });
    expect(sha1.status).toBe(200);
    expect(world.executions()).toHaveLength(1);
  });

  it('refuses a replayed delivery id, also once the route is made anew (the ids are kept in the home)', async () => {
    world = await triggerWorld(TEMPLATE);
    const body = pushPayload('refs/heads/main', world.repo.commit({ version: '3\n' }));
    expect((await deliver(body, { 'x-github-delivery': 'once' })).status).toBe(200);
    expect(await deliver(body, { 'x-github-delivery': 'once' })).toMatchObject({ status: 409, body: { message: 'delivery once was already received: a replayed delivery is refused' } });
    const again = webhookRoute({ account: world.account, engine: world.running, sources: world.watch });
    const { createServer } = await import('node:http');
    const server = createServer(again.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(webhookUrl());
    const fresh = `http://127.0.0.1:${(server.address() as { port: number }).port}${url.pathname}${url.search}`;
    expect((await deliver(body, { 'x-github-delivery': 'once' }, fresh)).status).toBe(409);
    server.close();
    expect(world.executions()).toHaveLength(1);
  });

  it('refuses bodies over 25 MB (told by Content-Length, or while reading a chunked body), other content types and methods', async () => {
    world = await triggerWorld(TEMPLATE);
    const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    const declared = await fetch(webhookUrl(), { method: 'POST', body: big, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(big, SECRET) } });
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      for (let sent = 0; sent < 26; sent += 1) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    expect(chunked).toBe(413);
    const form = await fetch(webhookUrl(), { method: 'POST', body: 'payload=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { message: string }).message).toBe('the content type must be application/json (set "Content type: application/json" on the GitHub webhook); got \'application/x-www-form-urlencoded\'');
    expect((await fetch(webhookUrl())).status).toBe(405);
    expect((await fetch(`${world.base}/webhooks/trigger?t=unknown&v=1`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
    expect(world.executions()).toHaveLength(0);
  });

  it('applies its filters with {Branch} from the target action: a push to another branch starts nothing; ping is answered', async () => {
    world = await triggerWorld(TEMPLATE);
    world.repo.git('checkout', '-q', '-b', 'dev');
    const commit = world.repo.commit({ version: 'dev\n' });
    const answer = await deliver(pushPayload('refs/heads/dev', commit));
    expect(answer).toMatchObject({ status: 200, body: { message: "filtered out: filter 1 ($.ref) selected 'refs/heads/dev', not 'refs/heads/main'" } });
    expect(await deliver('{"zen":"hi","hook_id":1}', { 'x-github-event': 'ping' })).toMatchObject({ status: 200, body: { message: 'pong' } });
    expect(world.executions()).toHaveLength(0);
  });
});
