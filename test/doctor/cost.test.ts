// `slipway doctor --cost` for two configurations, each compared with a hand calculation from
// the price table (src/doctor/cost/price-table.ts, us-east-1, 2026-12-06), and as a user runs it:
// without AWS credentials, without Docker, exit 0, plainly an estimate.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { costReport } from '../../src/doctor/cost/index.js';
import { PRICES_DATED } from '../../src/doctor/cost/price-table.js';
import { runSlipway } from '../support/run-cli.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repository(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-doctor-cost-'));
  made.push(dir);
  if (config !== undefined) writeFileSync(join(dir, 'slipway.yml'), config);
  return dir;
}

/** Each line's cost by `service item`. */
function costs(report: Awaited<ReturnType<typeof costReport>>): Record<string, number | null> {
  return Object.fromEntries(report.estimate.lines.map((line) => [`${line.service} ${line.item}`, line.cost]));
}

describe('slipway doctor --cost', () => {
  it('slipway\'s defaults with the default usage: 10 builds a day of 5 minutes on BUILD_GENERAL1_SMALL', async () => {
    const report = await costReport(repository('name: widget\nsource: {owner: acme, repository: widget}\n'), {});
    // By hand: 10 builds × 30 days = 300 executions.
    const expected = {
      // (1 source minute + 5 build minutes) × 300 = 1,800 action minutes, 100 free: 1,700 × $0.002.
      'CodePipeline V2 action minutes': 1700 * 0.002,
      // 5 × 300 = 1,500 minutes, 100 free on general1.small: 1,400 × $0.005.
      'CodeBuild BUILD_GENERAL1_SMALL Linux minutes': 1400 * 0.005,
      // 50 images kept (the lifecycle policy's default) × 200 MB = 10,000 MB = 9.765625 GB × $0.10.
      'ECR image storage': (10000 / 1024) * 0.1,
      // 10 builds × 10 MB × 30 days until the bucket expires them = 3,000 MB × $0.023 per GB-month.
      'S3 artifact storage': (3000 / 1024) * 0.023,
      // 2 PUTs × 300 executions at $0.005 per 1,000.
      'S3 artifact PUT requests': 600 * (0.005 / 1000),
      // 300 MB of logs: inside the 5 GB free tier.
      'CloudWatch Logs build log ingestion': 0,
      // 10 MB a day kept 30 days = 300 MB × $0.03 per GB-month.
      'CloudWatch Logs build log storage': (300 / 1024) * 0.03,
    };
    expect(Object.keys(costs(report))).toEqual(Object.keys(expected));
    for (const [line, usd] of Object.entries(expected)) expect(costs(report)[line]).toBeCloseTo(usd, 10);
    expect(report.estimate.total).toBeCloseTo(3.4 + 7 + 0.9765625 + 0.0673828125 + 0.003 + 0 + 0.0087890625, 10);
    expect(report.estimate.total.toFixed(2)).toBe('11.46');
    // A V1 pipeline instead: one active pipeline, inside the one free.
    expect(report.estimate.comparison).toMatchObject([{ item: 'V1 instead: active pipeline', quantity: 1, cost: 0 }]);
  });

  it('a bigger stack: MEDIUM builds, a KMS key, an ECS deploy, shorter retention, and every input given', async () => {
    const config = [
      'name: shop',
      'source: {owner: acme, repository: shop}',
      'build: {computeType: BUILD_GENERAL1_MEDIUM, logRetentionDays: 14}',
      'artifacts: {encryption: KMS, expireAfterDays: 7}',
      'image: {lifecycle: {keepLastTagged: 20}}',
      'deploy: {ecs: {cluster: web, service: shop}}',
    ].join('\n');
    const given = { buildsPerDay: '40', buildMinutes: '7.5', imageSizeMb: '512', artifactSizeMb: '25', logSizeMb: '2', deployMinutes: '4' };
    const report = await costReport(repository(config), given);
    // By hand: 40 × 30 = 1,200 executions; 7.5 minutes bill as 8.
    const expected = {
      // (1 source + 8 build + 4 deploy) × 1,200 = 15,600 minutes, 100 free.
      'CodePipeline V2 action minutes': 15500 * 0.002,
      // 8 × 1,200 = 9,600 minutes on general1.medium, no free tier there.
      'CodeBuild BUILD_GENERAL1_MEDIUM Linux minutes': 9600 * 0.01,
      // 20 images (keepLastTagged) × 512 MB = 10 GB.
      'ECR image storage': 10 * 0.1,
      // 40 × 25 MB × 7 days = 7,000 MB.
      'S3 artifact storage': (7000 / 1024) * 0.023,
      'S3 artifact PUT requests': 2400 * (0.005 / 1000),
      // 2,400 MB = 2.34 GB: inside the 5 GB free tier.
      'CloudWatch Logs build log ingestion': 0,
      // 40 × 2 MB × 14 days = 1,120 MB.
      'CloudWatch Logs build log storage': (1120 / 1024) * 0.03,
      'KMS customer managed key': 1,
      // 4 requests × 1,200 = 4,800: inside the 20,000 free.
      'KMS requests': 0,
    };
    expect(Object.keys(costs(report))).toEqual(Object.keys(expected));
    for (const [line, usd] of Object.entries(expected)) expect(costs(report)[line]).toBeCloseTo(usd, 10);
    expect(report.estimate.total).toBeCloseTo(31 + 96 + 1 + 0.1572265625 + 0.012 + 0.0328125 + 1, 10);
    expect(report.estimate.inputs).toMatchObject({ imagesKept: 20, buildMinutes: 7.5 });
  });

  it('says which lines have no price instead of guessing, and leaves them out of the total', async () => {
    const report = await costReport(repository('name: big\nsource: {owner: acme, repository: big}\nbuild: {computeType: BUILD_GENERAL1_2XLARGE}\n'), {});
    expect(report.estimate.unpriced).toEqual(['CodeBuild BUILD_GENERAL1_2XLARGE Linux minutes']);
    expect(costs(report)['CodeBuild BUILD_GENERAL1_2XLARGE Linux minutes']).toBeNull();
  });

  it('runs without AWS credentials and without Docker, prints the dated table as an estimate, and exits 0', async () => {
    const dir = repository('name: widget\nsource: {owner: acme, repository: widget}\n');
    const env = { PATH: mkdtempSync(join(tmpdir(), 'slipway-empty-path-')), HOME: dir, DOCKER_HOST: 'unix:///nonexistent.sock' };
    made.push(env.PATH);
    const run = await runSlipway(['doctor', '--cost'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Estimated monthly AWS bill for slipway.yml: an estimate, not a quote.');
    expect(run.stdout).toContain(`us-east-1 list prices as of ${PRICES_DATED}`);
    expect(run.stdout).toMatch(/\n\s+total\s+\$11\.46\n/);
    expect(run.stdout).toMatch(/--builds-per-day 10\s+pipeline executions per day/);
    expect(run.stdout).not.toContain('machine');
    expect(run.stderr).toContain('this is an estimate');
    const json = await runSlipway(['doctor', '--cost', '--json', '--builds-per-day', '1'], { cwd: dir, env });
    expect(JSON.parse(json.stdout)).toMatchObject({ estimate: true, region: 'us-east-1', pricesDated: PRICES_DATED, inputs: { buildsPerDay: 1 }, configFile: 'slipway.yml' });
  });

  it('estimates slipway\'s defaults where there is no slipway.yml, and refuses a negative input (exit 2)', async () => {
    const dir = repository();
    const run = await runSlipway(['doctor', '--cost'], { cwd: dir, env: { ...process.env, SLIPWAY_HOME: undefined } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("for slipway's defaults (there is no slipway.yml)");
    const bad = await runSlipway(['doctor', '--cost', '--builds-per-day', '-3'], { cwd: dir, env: { ...process.env, SLIPWAY_HOME: undefined } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--builds-per-day expects a number of 0 or more, got "-3"');
  });
});
