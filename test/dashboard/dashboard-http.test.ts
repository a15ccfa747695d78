// The dashboard on a real `slipway up`, as HTTP sees it: served on up's port and announced in
// the ready line; its page and files under a content security policy that allows only its own;
// a token per page; every change refused without that token, from another origin or site, as a
// form, or through another Host; reads refused through another Host or for another site; only
// its own files served; the input of a change checked with CodePipeline's limits (the controls
// themselves: dashboard-controls.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../registry/http-client.js';
import { startSlipway } from '../support/slipway-process.js';
import { eventually, ownHeaders, pageToken, postChange, readApi } from './support/dashboard-http.js';
import { dashboardWorld, type DashboardWorld } from './support/dashboard-world.js';
import { openEventStream } from './support/event-stream.js';

let world: DashboardWorld;
type Executions = { executions: { pipelineExecutionId: string; status: string }[] };
const executions = async () => (await readApi<Executions>(world.ready, '/pipelines/app/executions')).executions;

beforeAll(async () => {
  world = await dashboardWorld();
  await eventually(async () => ((await executions())[0]?.status === 'Succeeded' ? true : undefined), 'the first execution to succeed');
});
afterAll(() => world?.dispose());

describe('the dashboard on up\'s port', () => {
  it('is announced in the ready line and served at / under a content security policy that allows only its own files', async () => {
    expect(world.ready.dashboard).toBe(`${world.ready.endpoint}/`);
    const page = await send(world.ready.endpoint, 'GET', '/', { headers: { host: ownHeaders(world.ready).host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = String(page.headers['content-security-policy']).split('; ');
    expect(policy).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "require-trusted-types-for 'script'"]));
    expect(policy.filter((directive) => /unsafe|https?:|\*/.test(directive))).toEqual([]);
    expect(page.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    const references = [...page.body.toString().matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(2);
    expect(references.filter((reference) => !reference.startsWith('/') && !reference.startsWith('#'))).toEqual([]);
  });

  it('ships every file in the package, none loaded from elsewhere, the whole first load under 150 KB', async () => {
    const folder = new URL('../../assets/dashboard/', import.meta.url).pathname;
    const files = (readdirSync(folder, { recursive: true }) as string[]).filter((name) => statSync(join(folder, name)).isFile());
    const total = files.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
    expect(total).toBeLessThan(150_000);
    let imported = 0;
    for (const name of files.filter((file) => file.endsWith('.js') || file.endsWith('.css') || file.endsWith('.html'))) {
      const text = readFileSync(join(folder, name), 'utf8');
      expect({ name, remote: text.match(/https?:\/\/|url\(\s*['"]?\/\//g) }).toEqual({ name, remote: null });
      const imports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]!);
      imported += imports.length;
      expect(imports.filter((from) => !from.startsWith('./') && !from.startsWith('../'))).toEqual([]);
    }
    expect(imported).toBeGreaterThan(20);
    const root = new URL('../../', import.meta.url).pathname;
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
    const shipped = new Set(packed[0]!.files.map((file) => file.path));
    expect(files.map((name) => `assets/dashboard/${name}`).filter((path) => !shipped.has(path))).toEqual([]);
    const script = await send(world.ready.endpoint, 'GET', '/assets/js/main.js', { headers: { host: ownHeaders(world.ready).host } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const again = await send(world.ready.endpoint, 'GET', '/assets/js/main.js', { headers: { host: ownHeaders(world.ready).host, 'if-none-match': String(script.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it('gives each page a token of its own', async () => {
    const tokens = await Promise.all([pageToken(world.ready), pageToken(world.ready), pageToken(world.ready)]);
    expect(new Set(tokens).size).toBe(3);
  });

  it('serves only its own files: no path reaches outside them', async () => {
    const host = ownHeaders(world.ready).host;
    for (const path of ['/assets/../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/js/../../../package.json', '/etc/passwd', '/api/nothing']) {
      const answer = await send(world.ready.endpoint, 'GET', path, { headers: { host } });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.body.toString()).not.toContain('"name": "slipway"');
    }
  });
});

describe('changes from the page', () => {
  const start = (headers: Record<string, string | undefined>, body: unknown = { variables: { Stage: 'prod' } }) => postChange(world.ready, '/api/pipelines/app/start', body, headers);

  it('are refused without the token, with a forged one, from another origin or site, without an origin, as a form, or through another Host', async () => {
    const token = await pageToken(world.ready);
    const before = (await executions()).length;
    const port = new URL(world.ready.endpoint).port;
    const refused = [
      [{}, 403, 'InvalidPageToken'],
      [{ 'x-slipway-token': `${token.split('.')[0]}.forged` }, 403, 'InvalidPageToken'],
      [{ 'x-slipway-token': token, origin: 'http://evil.example' }, 403, 'ForeignOrigin'],
      [{ 'x-slipway-token': token, origin: `http://127.0.0.1:${Number(port) + 1}` }, 403, 'ForeignOrigin'],
      [{ 'x-slipway-token': token, origin: undefined }, 403, 'MissingOrigin'],
      [{ 'x-slipway-token': token, 'sec-fetch-site': 'cross-site' }, 403, 'CrossSiteRequest'],
      [{ 'x-slipway-token': token, 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UnsupportedMediaType'],
      [{ 'x-slipway-token': token, 'content-type': 'text/plain' }, 415, 'UnsupportedMediaType'],
      [{ 'x-slipway-token': token, host: `evil.example:${port}` }, 403, 'ForeignHost'],
      [{ 'x-slipway-token': token, host: `127.0.0.1.nip.io:${port}` }, 403, 'ForeignHost'],
    ] as const;
    for (const [headers, status, code] of refused) {
      const answer = await start(headers);
      expect({ headers, status: answer.status, code: answer.json<{ error: { code: string } }>().error.code }).toEqual({ headers, status, code });
    }
    expect(await executions()).toHaveLength(before);
    const accepted = await start({ 'x-slipway-token': token });
    expect(accepted.status).toBe(200);
    const { pipelineExecutionId } = accepted.json<{ pipelineExecutionId: string }>();
    const started = await readApi<{ variables: unknown; trigger: unknown }>(world.ready, `/executions/${pipelineExecutionId}`);
    expect(started).toMatchObject({ variables: [{ name: 'Stage', resolvedValue: 'prod' }], trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'slipway dashboard' } });
    expect(await executions()).toHaveLength(before + 1);
  });

  it('are checked with CodePipeline\'s limits before the engine is called', async () => {
    const token = await pageToken(world.ready);
    const cases = [
      [{ variables: { Bad: 'x' } }, "variable 'Bad' is not declared by pipeline app"],
      [{ variables: { Stage: '' } }, 'variables.Stage: expected a non-empty string'],
      [{ variables: ['Stage'] }, 'variables: expected an object'],
      ['{"variables": ', 'the request body is not valid JSON'],
      [`{"variables":{"Stage":"${'x'.repeat(70_000)}"}}`, 'larger than 65536 bytes'],
    ] as const;
    for (const [body, message] of cases) {
      const answer = await start({ 'x-slipway-token': token }, body);
      expect(answer.status).toBe(400);
      expect(answer.json<{ error: { message: string } }>().error.message).toContain(message);
    }
    const disable = await postChange(world.ready, '/api/pipelines/app/transitions', { stageName: 'Build', transitionType: 'Inbound', enabled: false }, { 'x-slipway-token': token });
    expect(disable.status).toBe(400);
    expect(disable.json<{ error: { message: string } }>().error.message).toContain('reason: expected a non-empty string of at most 300 characters');
  });
});

describe('reads', () => {
  it('are refused through another Host (no DNS rebinding) or when another site asks; the page itself may be opened from a link', async () => {
    const port = new URL(world.ready.endpoint).port;
    const own = ownHeaders(world.ready).host;
    const cases = [
      ['/api/pipelines', { host: `attacker.example:${port}` }, 403],
      ['/', { host: `attacker.example:${port}` }, 403],
      ['/assets/js/main.js', { host: `attacker.example:${port}` }, 403],
      ['/api/pipelines', { host: own, 'sec-fetch-site': 'cross-site' }, 403],
      ['/api/pipelines', { host: own, origin: 'http://attacker.example' }, 403],
      ['/api/events', { host: own, 'sec-fetch-site': 'same-site' }, 403],
      ['/', { host: own, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }, 200],
      ['/api/pipelines', { host: `localhost:${port}`, 'sec-fetch-site': 'same-origin' }, 200],
    ] as const;
    for (const [path, headers, status] of cases) {
      const answer = await send(world.ready.endpoint, 'GET', path, { headers: { ...headers } });
      expect({ path, headers, status: answer.status }).toEqual({ path, headers, status });
    }
  });
});

describe('the live stream', () => {
  it('tells a listening page what changed, by name only: a commit\'s execution and its build', async () => {
    const stream = await openEventStream(`${world.ready.endpoint}/api/events`);
    try {
      await stream.waitFor((event) => event.event === 'ready');
      world.repo.commit({ version: '2\n' }, 'second');
      const notices = () => stream.events.filter((event) => event.event === 'change').flatMap((event) => event.data as Record<string, string>[]);
      await stream.waitFor(() => notices().some((notice) => notice.kind === 'build'));
      await stream.waitFor(() => notices().some((notice) => notice.kind === 'pipeline' && notice.pipelineName === 'app' && notice.pipelineExecutionId !== undefined));
      const keys = new Set(notices().flatMap((notice) => Object.keys(notice)));
      expect([...keys].every((key) => ['kind', 'pipelineName', 'pipelineExecutionId', 'buildId', 'repositoryName', 'stackName'].includes(key))).toBe(true);
      expect(stream.text()).not.toContain('second');
    } finally {
      stream.close();
    }
  });

  it('follows a build\'s log as it grows and ends when the build ends', async () => {
    const commit = world.repo.commit({ slow: '6\n' }, 'slow build');
    type Latest = { pipelineExecutionId: string; status: string; buildId?: string; revision?: { revisionId: string } };
    const buildId = await eventually(async () => {
      const state = await readApi<{ stages: { actions: { latest?: Latest }[] }[] }>(world.ready, '/pipelines/app');
      const [source, build] = [state.stages[0]!.actions[0]!.latest, state.stages[1]!.actions[0]!.latest];
      const ours = source?.revision?.revisionId === commit && build?.pipelineExecutionId === source.pipelineExecutionId;
      return ours && build.status === 'InProgress' && build.buildId ? build.buildId : undefined;
    }, 'the slow build to run');
    const stream = await openEventStream(`${world.ready.endpoint}/api/builds/${encodeURIComponent(buildId)}/stream`);
    try {
      await stream.waitFor((event) => event.event === 'end', 60_000);
      const progress = stream.events.filter((event) => event.event === 'progress').map((event) => event.data as { lineCount: number; buildStatus: string; phases: { phaseType: string }[] });
      const counts = progress.map((one) => one.lineCount);
      expect(counts.length).toBeGreaterThan(2);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(progress[0]!.buildStatus).toBe('IN_PROGRESS');
      expect(progress.at(-1)!.buildStatus).toBe('SUCCEEDED');
      expect(progress.at(-1)!.phases.map((phase) => phase.phaseType)).toContain('BUILD');
    } finally {
      stream.close();
    }
  });
});

describe('up\'s start-up lines', () => {
  it('name the dashboard\'s address', async () => {
    const home = mkdtempSync(join(tmpdir(), 'slipway-dashboard-lines-'));
    const up = startSlipway(['up', '--port', '0', '--home', home], { cwd: home });
    try {
      for (let waited = 0; !up.stdout().includes('Ctrl-C stops it.') && up.child.exitCode === null && waited < 60_000; waited += 50) await sleep(50);
      const endpoint = /on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(up.stdout())?.[1];
      expect(endpoint, up.stderr()).toBeDefined();
      expect(up.stdout().split('\n')).toContain(`  dashboard   ${endpoint}/`);
    } finally {
      up.child.kill('SIGINT');
      await up.exited;
      rmSync(home, { recursive: true, force: true });
    }
  });
});
