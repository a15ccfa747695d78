// The dashboard in a browser (Debian's Chromium through Playwright) on a real `slipway up` with a
// real repository: the views as a user walks through them, live without a reload (a commit's
// execution, a build's log as it runs, a pushed tag), a failed build in red with its log, a
// release started from the page with a variable, each view screenshotted and checked by axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, seriousViolations } from './support/browser.js';
import { dashboardWorld, type DashboardWorld } from './support/dashboard-world.js';

let world: DashboardWorld;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** Marks the document, so a test can tell it was not loaded again. */
const mark = () => page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
const stillMarked = () => page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded === true);
const box = (stage: string, action: string) => page.locator(`li.stage[data-stage="${stage}"] li.action[data-action="${action}"]`);

beforeAll(async () => {
  world = await dashboardWorld();
  browser = await launchBrowser();
  page = await openPage(browser, problems, world.ready.endpoint);
});
afterAll(async () => {
  await browser?.close();
  await world?.dispose();
});

describe('the pipelines', () => {
  it('lists the pipeline with its latest execution and the status of each stage', async () => {
    await page.goto(world.ready.dashboard);
    const row = page.locator('tr[data-row="app"]');
    await expect.poll(() => row.locator('td').nth(1).textContent()).toContain('Succeeded');
    expect(await row.locator('.stage-strip li').allTextContents()).toEqual(['Source✓ Succeeded', 'Build✓ Succeeded']);
    await screenshot(page, 'pipelines');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows stages as columns and actions as boxes; a commit makes a new execution appear without a reload', async () => {
    await page.getByRole('link', { name: 'app', exact: true }).click();
    await expect.poll(() => page.locator('ol.stages > li').evaluateAll((stages) => stages.map((stage) => stage.getAttribute('data-stage')))).toEqual(['Source', 'Build']);
    const first = world.repo.git('rev-parse', 'HEAD');
    expect(await box('Source', 'Source').textContent()).toContain(`${first.slice(0, 7)} initial commit`);
    expect(await box('Build', 'Build').getByRole('link', { name: 'View logs of Build' }).count()).toBe(1);
    await mark();
    const second = world.repo.commit({ version: '2\n' }, 'a second version');
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain(`${second.slice(0, 7)} a second version`);
    await expect.poll(() => box('Build', 'Build').getAttribute('data-status')).toBe('Succeeded');
    expect(await box('Source', 'Source').textContent()).toContain(second.slice(0, 7));
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await stillMarked()).toBe(true);
    await screenshot(page, 'pipeline');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('a build', () => {
  it('streams its log while it runs, in colour, following the end, with its phases', async () => {
    world.repo.commit({ slow: '14\n' }, 'a slow build');
    await expect.poll(() => box('Build', 'Build').getAttribute('data-status')).toBe('InProgress');
    await box('Build', 'Build').getByRole('link', { name: 'View logs of Build' }).click();
    await page.locator('.log-line .tx', { hasText: /^tick 2$/ }).waitFor();
    expect(await page.locator('.build-summary .badge').getAttribute('data-status')).toBe('IN_PROGRESS');
    await mark();
    await page.locator('.log-line .tx', { hasText: /^tick 14$/ }).waitFor();
    await expect.poll(() => page.locator('.build-summary .badge').getAttribute('data-status')).toBe('SUCCEEDED');
    expect(await stillMarked()).toBe(true);
    const viewport = await page.locator('.log-viewport').boundingBox();
    const last = await page.locator('.log-line').filter({ hasText: 'Build SUCCEEDED' }).boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(viewport!.y + viewport!.height + 1);
    expect(await page.locator('ol.phases li').evaluateAll((items) => items.map((item) => item.getAttribute('data-phase')))).toEqual(expect.arrayContaining(['PROVISIONING', 'BUILD', 'FINALIZING']));

    await page.locator('ol.phases li[data-phase="BUILD"] button').click();
    expect(await page.getByRole('button', { name: 'Follow the end' }).getAttribute('aria-pressed')).toBe('false');
    const top = page.locator('.log-line').filter({ hasText: 'Entering phase BUILD' });
    expect(await top.count()).toBe(1);
    expect(await page.locator('.log-line .fg2.b').first().textContent()).toBe('green and bold');
    expect(await page.locator('.log-line .fg1').first().textContent()).toBe('red');
    await screenshot(page, 'build-log');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('that fails shows red, with its log saying why', async () => {
    world.repo.commit({ fail: 'yes\n', slow: '0\n' }, 'a broken build');
    await page.getByRole('link', { name: 'app' }).first().click();
    await expect.poll(() => box('Build', 'Build').getAttribute('data-status')).toBe('Failed');
    expect(await box('Build', 'Build').evaluate((element) => (globalThis as unknown as { getComputedStyle(node: unknown): { borderLeftColor: string } }).getComputedStyle(element).borderLeftColor)).toBe('rgb(217, 21, 21)');
    expect(await page.locator('li.stage[data-stage="Build"] .stage-head .badge').textContent()).toContain('Failed');
    expect(await box('Build', 'Build').locator('.error-details').textContent()).toMatch(/fail/i);
    await screenshot(page, 'pipeline-failed');
    await box('Build', 'Build').getByRole('link', { name: 'View logs of Build' }).click();
    await expect.poll(() => page.locator('.build-summary .badge').getAttribute('data-status')).toBe('FAILED');
    await page.locator('ol.phases li[data-phase="BUILD"] button').click();
    await page.locator('.log-line .tx', { hasText: /^the build breaks here$/ }).waitFor();
    expect(await page.locator('ol.phases li[data-phase="BUILD"] .badge').textContent()).toContain('Failed');
    await screenshot(page, 'build-failed');
  });
});

it('logged no error and broke no rule of its content security policy on the way', () => {
  expect(problems).toEqual([]);
});
