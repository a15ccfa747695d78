// The repository checks, each firing and each quiet on a good repository: slipway.yml, the
// Dockerfile and build context it names, the template's warnings, the buildspec file itself.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { runDoctor } from '../../src/doctor/doctor.js';
import type { Finding } from '../../src/doctor/finding.js';
import { warningFindings } from '../../src/doctor/repository/template-findings.js';
import { renderBuildspec } from '../../src/init/buildspec.js';
import { parseLocatedYaml } from '../../src/yaml/located-document.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const GOOD_CONFIG = 'name: widget\nsource:\n  owner: acme\n  repository: widget\n';

/** A repository holding `files`; a good one (slipway.yml, Dockerfile, slipway's buildspec) by default. */
function repository(files: Record<string, string | undefined> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-doctor-repo-'));
  made.push(dir);
  const config = files['slipway.yml'] ?? GOOD_CONFIG;
  const defaults = { 'slipway.yml': config, Dockerfile: 'FROM scratch\n', 'buildspec.yml': renderBuildspec(parseConfig(GOOD_CONFIG, 'slipway.yml')) };
  for (const [path, text] of Object.entries({ ...defaults, ...files })) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function findings(dir: string): Promise<Finding[]> {
  return (await runDoctor({ dir, env: { ...process.env, HOME: dir }, machine: false })).findings;
}

const summary = (list: Finding[]) => list.map((finding) => ({ check: finding.check, severity: finding.severity, at: finding.line === undefined ? finding.file : `${finding.file}:${finding.line}:${finding.column}` }));

describe('repository checks', () => {
  it('are all quiet (ok) on a good repository', async () => {
    expect(summary(await findings(repository()))).toEqual([
      { check: 'repository.config', severity: 'info', at: 'slipway.yml' },
      { check: 'repository.dockerfile', severity: 'info', at: 'Dockerfile' },
      { check: 'repository.template', severity: 'info', at: undefined },
    ]);
  });

  it('slipway.yml: a warning when missing (slipway\'s defaults are checked instead), every problem at its line when invalid', async () => {
    const missing = await findings(repository({ 'slipway.yml': undefined }));
    expect(summary(missing)[0]).toEqual({ check: 'repository.config', severity: 'warning', at: 'slipway.yml' });
    const invalid = await findings(repository({ 'slipway.yml': 'name: Widget\nsource:\n  owner: acme\n  repository: widget\n  brnach: main\n' }));
    expect(summary(invalid)).toEqual([
      { check: 'repository.config', severity: 'error', at: 'slipway.yml:1:7' },
      { check: 'repository.config', severity: 'error', at: 'slipway.yml:5:3' },
    ]);
    expect(invalid[1]!.message).toContain("did you mean 'branch'?");
  });

  it('the Dockerfile and build context: errors at build.dockerfile and build.context when they are not there', async () => {
    const dir = repository({ 'slipway.yml': `${GOOD_CONFIG}build:\n  dockerfile: api/Dockerfile\n  context: api\n` });
    expect(summary((await findings(dir)).filter((finding) => finding.check.startsWith('repository.d') || finding.check === 'repository.build-context'))).toEqual([
      { check: 'repository.dockerfile', severity: 'error', at: 'slipway.yml:6:15' },
      { check: 'repository.build-context', severity: 'error', at: 'slipway.yml:7:12' },
    ]);
    writeFileSync(join(dir, 'Dockerfile'), '');
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api', 'Dockerfile'), 'FROM scratch\n');
    expect((await findings(dir)).filter((finding) => finding.severity !== 'info')).toEqual([]);
    // A context that is a file is no folder to send.
    const file = repository({ 'slipway.yml': `${GOOD_CONFIG}build:\n  context: Dockerfile\n` });
    expect(summary((await findings(file)).filter((finding) => finding.severity === 'error'))).toEqual([{ check: 'repository.build-context', severity: 'error', at: 'slipway.yml:6:12' }]);
  });

  it('the template: the KMS key and a polling source, as deploy words them, at the slipway.yml key behind each', async () => {
    const config = 'name: widget\nsource:\n  provider: github\n  owner: acme\n  repository: widget\n  trigger: polling\nartifacts:\n  encryption: KMS\n';
    const template = (await findings(repository({ 'slipway.yml': config }))).filter((finding) => finding.check === 'repository.template');
    expect(template.map((finding) => [finding.severity, `${finding.file}:${finding.line}:${finding.column}`, finding.path])).toEqual([
      ['warning', 'slipway.yml:8:3', 'artifacts.encryption'],
      ['warning', 'slipway.yml:6:3', 'source.trigger'],
    ]);
    expect(template[0]!.message).toMatch(/creates a customer managed KMS key, billed monthly even when unused$/);
    expect(template[1]!.message).toMatch(/source action Source \(GitHub\) polls for changes/);
    expect(template[1]!.fix).toBe('set source.trigger: webhook');
  });

  it('the template: a V1 pipeline (which slipway never writes) is reported as deploy reports it', () => {
    const located = parseLocatedYaml('name: w\npipeline:\n  executionMode: QUEUED\n', 'slipway.yml');
    const resources = { Pipeline: { Type: 'AWS::CodePipeline::Pipeline', Properties: { Stages: [] } } };
    expect(warningFindings(resources, located)).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'slipway.yml', line: 2, column: 1, message: expect.stringContaining('Pipeline is a V1 pipeline') }),
    ]);
  });

  it('the buildspec file: an error when the template reads one that is missing, nothing to check with inlineBuildspec', async () => {
    const missing = await findings(repository({ 'buildspec.yml': undefined }));
    expect(summary(missing).at(-1)).toEqual({ check: 'repository.buildspec', severity: 'error', at: 'slipway.yml' });
    const inline = await findings(repository({ 'buildspec.yml': 'not: [a buildspec', 'slipway.yml': `${GOOD_CONFIG}build:\n  inlineBuildspec: true\n` }));
    expect(summary(inline).at(-1)).toEqual({ check: 'repository.buildspec', severity: 'info', at: 'slipway.yml' });
  });
});
