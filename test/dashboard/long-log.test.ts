// A build log of about 100 MB (a million lines) in the browser: the view puts only the lines in
// sight into the page and fetches only the pages of the log it shows, so it opens at the end,
// jumps to a phase half a million lines up, and scrolls to the middle, without the browser ever
// holding the log. (How fast is measured in bench/dashboard-log.mjs, not asserted here.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LocalAccount } from '../../src/local/account/index.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { dashboardWorld, type DashboardWorld } from './support/dashboard-world.js';
import { LINE_COUNT, PHASE_LINES, writeLongLog } from './support/long-log.js';

let world: DashboardWorld;
let browser: Browser;
let page: Page;
let buildId: string;
const logRequests: string[] = [];
let logBytes = 0;

beforeAll(async () => {
  world = await dashboardWorld();
  const account = new LocalAccount({ home: world.home });
  try {
    buildId = writeLongLog(account);
  } finally {
    account.close();
  }
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  page.setDefaultTimeout(60_000);
  page.on('response', async (response) => {
    if (!response.url().includes('/log?')) return;
    logRequests.push(response.url());
    logBytes += (await response.body()).length;
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await world?.dispose();
});

const rendered = () => page.locator('.log-line').evaluateAll((lines) => lines.map((line) => Number(line.getAttribute('data-line'))));
const loaded = (seq: number) => page.locator(`.log-line[data-line="${seq}"]:not(.pending)`);

it('opens at the end of a million-line log, with only the lines in sight in the page', async () => {
  await page.goto(`${world.ready.dashboard}builds/${encodeURIComponent(buildId)}`);
  await loaded(LINE_COUNT).waitFor();
  expect(await page.locator('.line-count').textContent()).toBe(`${LINE_COUNT} lines`);
  const lines = await rendered();
  expect(lines.length).toBeLessThan(100);
  expect(Math.max(...lines)).toBe(LINE_COUNT);
  expect(await loaded(LINE_COUNT).textContent()).toBe(`${LINE_COUNT}line ${LINE_COUNT} ${'x'.repeat(88)}`);
  expect(await page.locator(`.log-line[data-line="${LINE_COUNT}"] .fg2`).textContent()).toBe(`line ${LINE_COUNT}`);
  await screenshot(page, 'long-log');
});

it('jumps to a phase half a million lines up, found by its start time even after lines written in the same millisecond', async () => {
  await page.locator('ol.phases li[data-phase="BUILD"] button').click();
  await loaded(PHASE_LINES.BUILD).waitFor();
  expect(await loaded(PHASE_LINES.BUILD).textContent()).toContain('Entering phase BUILD');
  const viewport = (await page.locator('.log-viewport').boundingBox())!;
  const line = (await loaded(PHASE_LINES.BUILD).boundingBox())!;
  expect(line.y - viewport.y).toBeLessThan(30);
  expect(Math.max(...(await rendered())) - Math.min(...(await rendered()))).toBeLessThan(100);
});

it('scrolls to the middle and back to the end, fetching only the pages it shows', async () => {
  await page.locator('.log-viewport').evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await expect.poll(async () => Math.min(...(await rendered()))).toBeGreaterThan(LINE_COUNT / 2 - 1000);
  const middle = Math.min(...(await rendered()));
  expect(middle).toBeLessThan(LINE_COUNT / 2 + 1000);
  await loaded(middle + 1).waitFor();
  await page.locator('.log-viewport').focus();
  await page.keyboard.press('End');
  await loaded(LINE_COUNT).waitFor();
  expect(logRequests.length).toBeLessThanOrEqual(12);
  expect(logBytes).toBeLessThan(1_000_000);
  const heap = await page.evaluate(
    () => (globalThis as unknown as { performance: { memory?: { usedJSHeapSize: number } } }).performance.memory?.usedJSHeapSize ?? 0,
  );
  expect(heap).toBeGreaterThan(0);
  expect(heap).toBeLessThan(60_000_000);
});
