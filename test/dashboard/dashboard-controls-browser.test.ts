// The pipeline controls in a browser (Debian's Chromium through Playwright) on a real `slipway up`
// whose pipeline has a manual approval before a last build, all without a reload: an approval
// approved from the page with a comment and the execution going on to its end; a transition disabled with a reason holding a
// new execution, then enabled to release it; that execution stopped and abandoned from the page,
// its stopped stage retried (the same execution waits again) and rejected with a comment. Each
// dialog is checked by axe-core and screenshotted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, seriousViolations } from './support/browser.js';
import { readApi } from './support/dashboard-http.js';
import { APPROVAL_STAGE, dashboardWorld, type DashboardWorld } from './support/dashboard-world.js';

let world: DashboardWorld;
let browser: Browser;
let page: Page;
let root: string;
const problems: string[] = [];
const mark = () => page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
const stillMarked = () => page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded === true);
const stage = (name: string) => page.locator(`li.stage[data-stage="${name}"]`);
const box = (name: string) => stage(name).locator(`li.action[data-action="${name}"]`);
const announced = () => page.locator('#announcer').textContent();
/** expect.poll with room for a loaded machine (its default gives up after one second). */
const until = <T>(probe: () => Promise<T>) => expect.poll(probe, { timeout: 30_000 });

beforeAll(async () => {
  world = await dashboardWorld(APPROVAL_STAGE);
  root = `arn:aws:iam::${(await readApi<{ accountId: string }>(world.ready, '/overview')).accountId}:root`;
  browser = await launchBrowser();
  page = await openPage(browser, problems);
});
afterAll(async () => {
  await browser?.close();
  await world?.dispose();
});

describe('a manual approval', () => {
  it('is approved from the page with a comment, and the execution finishes without a reload', async () => {
    await page.goto(`${world.ready.dashboard}pipelines/app`);
    await until(() => box('Approve').getAttribute('data-status')).toBe('InProgress');
    await mark();
    await box('Approve').getByRole('button', { name: 'Review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review Approve' });
    expect(await dialog.getByLabel('Approve').isChecked()).toBe(true);
    await dialog.getByLabel('Comment').fill('checked on staging');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'approval-dialog', false);
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await until(announced).toBe('Approved: Approve');
    await until(() => box('Approve').getAttribute('data-status')).toBe('Succeeded');
    // The execution goes on to Release, whose build ends after the page's own fetch: only the live feed shows that.
    await until(() => box('Release').getAttribute('data-status')).toBe('Succeeded');
    expect(await box('Approve').locator('.summary').textContent()).toBe('checked on staging');
    expect(await box('Approve').locator('.answered-by').textContent()).toBe(`by ${root}`);
    await until(() => page.locator('tbody tr').first().locator('.badge').getAttribute('data-status')).toBe('Succeeded');
    expect(await stillMarked()).toBe(true);
    await screenshot(page, 'approval-approved');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('a transition', () => {
  it('disabled with a reason holds a new execution before the stage; enabled, lets it go on', async () => {
    await mark();
    await stage('Build').getByRole('button', { name: 'Disable transition' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable the transition into Build' });
    await disable.getByLabel('Reason').fill('release freeze (QA)');
    await disable.getByRole('button', { name: 'Disable' }).click();
    await until(() => stage('Build').locator('.transition-state').textContent()).toBe('Transition disabled: release freeze (QA)');
    expect(await stage('Build').locator('.transition-state').getAttribute('title')).toBe(`Last changed by ${root}`);
    const commit = world.repo.commit({ version: '2\n' }, 'held at Build');
    await until(() => stage('Build').locator('.waiting a').count()).toBe(1);
    await until(() => box('Source').textContent()).toContain(commit.slice(0, 7));
    expect(await box('Build').getAttribute('data-status')).toBe('Succeeded');
    await screenshot(page, 'transition-disabled');
    expect(await seriousViolations(page)).toEqual([]);

    await stage('Build').getByRole('button', { name: 'Enable transition' }).click();
    await page.getByRole('dialog', { name: 'Enable the transition into Build' }).getByRole('button', { name: 'Enable' }).click();
    await until(() => stage('Build').locator('.transition-state').textContent()).toBe('Transition enabled');
    await until(() => box('Approve').getAttribute('data-status')).toBe('InProgress');
    expect(await stage('Build').locator('.waiting').count()).toBe(0);
    expect(await stillMarked()).toBe(true);
  });
});

describe('stop, retry and reject', () => {
  it('abandons the waiting execution from the page, retries its stopped stage, and rejects it with a comment', async () => {
    await mark();
    await page.getByRole('button', { name: 'Stop execution' }).click();
    const stop = page.getByRole('dialog', { name: /^Stop execution / });
    await stop.getByLabel('Stop and abandon: running actions are abandoned').check();
    await stop.getByLabel('Reason (optional)').fill('not today');
    await stop.getByRole('button', { name: 'Stop' }).click();
    await until(() => box('Approve').getAttribute('data-status')).toBe('Abandoned');
    await until(() => page.locator('tbody tr').first().locator('.badge').getAttribute('data-status')).toBe('Stopped');
    expect(await page.getByRole('button', { name: 'Stop execution' }).count()).toBe(0);
    const id = await box('Approve').evaluate((element) => element.closest('li.stage')!.querySelector('a.execution-link')!.getAttribute('title'));

    await stage('Approve').getByRole('button', { name: 'Retry stage' }).click();
    const retry = page.getByRole('dialog', { name: 'Retry stage Approve' });
    expect(await retry.getByLabel('The failed actions').isChecked()).toBe(true);
    await retry.getByRole('button', { name: 'Retry' }).click();
    await until(announced).toBe(`Retrying stage Approve of execution ${id}`);
    await until(() => box('Approve').getAttribute('data-status')).toBe('InProgress');
    expect(await box('Approve').textContent()).toContain('attempt 2');
    expect(await page.locator('tbody tr').first().getAttribute('data-row')).toBe(id);

    await box('Approve').getByRole('button', { name: 'Review' }).click();
    const review = page.getByRole('dialog', { name: 'Review Approve' });
    await review.getByLabel('Reject').check();
    await review.getByLabel('Comment').fill('wrong version');
    await review.getByRole('button', { name: 'Submit' }).click();
    await until(() => box('Approve').getAttribute('data-status')).toBe('Failed');
    expect(await box('Approve').locator('.error-details').textContent()).toBe('Rejected: wrong version');
    await until(() => page.locator('tbody tr').first().locator('.badge').getAttribute('data-status')).toBe('Failed');
    expect(await stillMarked()).toBe(true);
    await screenshot(page, 'approval-rejected');
  });
});

it('logged no error and broke no rule of its content security policy on the way', () => {
  expect(problems).toEqual([]);
});
