// Debian's Chromium driven by Playwright (its own browser downloads need the network; this one
// is installed with `apt-get install chromium`), screenshots saved where the tests write their
// artifacts, and the axe-core accessibility check run in the page.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium the tests drive; SLIPWAY_CHROMIUM names another. */
export const CHROMIUM = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go (git-ignored): test/dashboard/screenshots/. */
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Starts the browser; a missing Chromium is an error that says how to install it, never a skipped test. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`the dashboard's browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium, or set SLIPWAY_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/**
 * A page of a fresh 1280×860 context on `browser`, its errors and console errors added to
 * `problems`; `clipboardOrigin` lets the page read and write the clipboard there (copy buttons).
 */
export async function openPage(browser: Browser, problems: string[], clipboardOrigin?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  if (clipboardOrigin) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: clipboardOrigin });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.setDefaultTimeout(60_000);
  return page;
}

/** Saves a screenshot of the page as `<name>.png`. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility violation axe found: its rule, impact and where. */
export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical violations axe-core finds in the page as it is (WCAG 2.x A and AA rules, and best practices). */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: {
      id: string; impact: string; help: string; nodes: { target: string[] }[]
    }[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
