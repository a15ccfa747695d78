// The rest of the dashboard in a browser on a real `slipway up`: a release started from the page
// with a V2 variable and the execution's variables and artifacts; the registry with a pushed
// image's tags appearing live, its pull command copied and its lifecycle policy's preview; the
// stacks; the keyboard; and the content security policy holding (no inline script runs, no markup
// from strings). The pipeline controls in the browser: dashboard-controls-browser.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, seriousViolations } from './support/browser.js';
import { eventually, readApi } from './support/dashboard-http.js';
import { dashboardWorld, type DashboardWorld } from './support/dashboard-world.js';
import { createRepository, pushImage } from './support/registry-push.js';

let world: DashboardWorld;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const mark = () => page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
const stillMarked = () => page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded === true);

beforeAll(async () => {
  world = await dashboardWorld();
  await eventually(async () => ((await readApi<{ executions: { status: string }[] }>(world.ready, '/pipelines/app/executions')).executions[0]?.status === 'Succeeded' ? true : undefined), 'the first execution');
  browser = await launchBrowser();
  page = await openPage(browser, problems, world.ready.endpoint);
});
afterAll(async () => {
  await browser?.close();
  await world?.dispose();
});

describe('a release from the page', () => {
  it('starts an execution with a V2 variable, then shows its variables, output variables and artifacts', async () => {
    await page.goto(`${world.ready.dashboard}pipelines/app`);
    await page.getByRole('button', { name: 'Release change' }).click();
    const dialog = page.getByRole('dialog', { name: 'Release a change through app' });
    await dialog.getByLabel('Stage').fill('qa');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'release-dialog', false);
    await dialog.getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/^Started execution [0-9a-f-]{36}$/);
    const id = (await page.locator('#announcer').textContent())!.split(' ').at(-1)!;
    await page.locator(`tr[data-row="${id}"] a`).click();
    await expect.poll(() => page.locator('.facts .badge').first().getAttribute('data-status')).toBe('Succeeded');
    const variables = await page.locator('section[aria-labelledby="variables-title"] tbody tr').allTextContents();
    expect(variables).toContain('Pipeline (variables)Stageqa');
    expect(variables.some((row) => row.startsWith('SourceVariablesCommitId'))).toBe(true);
    const artifacts = await page.locator('section[aria-labelledby="artifacts-title"] tbody tr td:first-child').allTextContents();
    expect(artifacts.sort()).toEqual(['Out', 'Src']);
    await screenshot(page, 'execution');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('the registry', () => {
  it('lists repositories with their settings, and shows a pushed image\'s tags live, its pull command to copy and the lifecycle preview', async () => {
    const policy = JSON.stringify({ rules: [{ rulePriority: 1, description: 'keep one v image', selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }] });
    await createRepository(world.ready, 'team/web', policy);
    await page.getByRole('link', { name: 'Registry' }).click();
    const row = page.locator('tr[data-row="team/web"]');
    await expect.poll(() => row.textContent()).toContain('MUTABLE');
    expect(await row.locator('td').nth(2).textContent()).toBe('0');
    await mark();
    await pushImage(world.ready, 'team/web', 'v1', 'first');
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('1');
    await screenshot(page, 'registry');
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('link', { name: 'team/web' }).click();
    await expect.poll(() => page.locator('.tag').allTextContents()).toEqual(['v1']);
    await pushImage(world.ready, 'team/web', 'v2', 'second');
    await expect.poll(() => page.locator('.tag').allTextContents()).toEqual(['v2', 'v1']);
    expect(await stillMarked()).toBe(true);
    const host = new URL(world.ready.endpoint).host;
    const pull = `docker pull ${host}/team/web:v2`;
    expect(await page.locator('.pull code').first().textContent()).toBe(pull);
    await page.getByRole('button', { name: 'Copy the pull command of v2' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()))
      .toBe(pull);
    const preview = await page.locator('section[aria-labelledby="lifecycle-title"] tbody tr td:first-child').allTextContents();
    expect(preview).toEqual(['v1']);
    await screenshot(page, 'repository');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('the stacks', () => {
  it('lists the stacks, and shows a stack\'s resources with their status, its events, outputs and parameters', async () => {
    await page.getByRole('link', { name: 'Stacks' }).click();
    await expect.poll(() => page.locator('tr[data-row="pipe"]').textContent()).toContain('Create complete');
    await screenshot(page, 'stacks');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'pipe', exact: true }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="resources-title"] tbody tr td:first-child').allTextContents()).toEqual(['Artifacts', 'Role', 'Connection', 'Project', 'Pipeline']);
    const events = await page.locator('section[aria-labelledby="events-title"] tbody tr').count();
    expect(events).toBe(12);
    await screenshot(page, 'stack');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('the keyboard', () => {
  const focused = () => page.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: {
      tagName: string; id: string; textContent: string; getAttribute(name: string): string | null
    } | null } }).document.activeElement;
    return element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} ${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40)}` : '';
  });
  const tabTo = async (text: string) => {
    for (let step = 0; step < 30 && !(await focused()).includes(text); step += 1) await page.keyboard.press('Tab');
    expect(await focused()).toContain(text);
  };

  it('reaches every view and control: skip link, links, the release dialog (Escape closes it and gives focus back), the log', async () => {
    await page.goto(world.ready.dashboard);
    await page.locator('tr[data-row="app"]').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('a Skip to content');
    await page.keyboard.press('Enter');
    await tabTo('app');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('h1 app');
    await tabTo('Release change');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^input/);
    expect(await page.getByRole('dialog').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await focused()).toBe('button Release change');
    await tabTo('View logs');
    await page.keyboard.press('Enter');
    await page.locator('.log-line').first().waitFor();
    await tabTo('Build log');
    const log = page.locator('.log-viewport');
    const end = await log.evaluate((element) => element.scrollTop);
    await page.keyboard.press('Home');
    await expect.poll(() => log.evaluate((element) => element.scrollTop)).toBe(0);
    expect(end).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Follow the end' }).getAttribute('aria-pressed')).toBe('false');
  });
});

describe('the content security policy', () => {
  it('lets no inline script, inline handler, script from a string or markup from a string run in the page', async () => {
    const other = await page.context().newPage();
    try {
      await other.goto(world.ready.dashboard);
      await other.locator('tr[data-row="app"]').waitFor();
      const outcome = await other.evaluate(() => {
        type Element = { textContent: string; innerHTML: string; setAttribute(name: string, value: string): void };
        const scope = globalThis as unknown as { document: { createElement(tag: string): Element } };
        const attempt = (run: () => void) => {
          try {
            run();
            return 'ran';
          } catch (error) {
            return (error as Error).name;
          }
        };
        return {
          inlineScript: attempt(() => (scope.document.createElement('script').textContent = 'globalThis.handlerRan = true')),
          inlineHandler: attempt(() => scope.document.createElement('img').setAttribute('onerror', 'globalThis.handlerRan = true')),
          stringTimer: attempt(() => setTimeout('globalThis.handlerRan = true' as unknown as () => void, 0)),
          innerHTML: attempt(() => (scope.document.createElement('div').innerHTML = '<img src=x>')),
        };
      });
      expect(outcome).toEqual({ inlineScript: 'TypeError', inlineHandler: 'TypeError', stringTimer: 'TypeError', innerHTML: 'TypeError' });
      // Code DevTools evaluates is exempt from the policy, so eval is proved absent from the header (dashboard-http.test.ts: no 'unsafe-eval').
      await other.waitForTimeout(200);
      expect(await other.evaluate(() => (globalThis as unknown as { handlerRan?: boolean }).handlerRan)).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

it('logged no error and broke no rule of its content security policy on the way', () => {
  expect(problems).toEqual([]);
});
