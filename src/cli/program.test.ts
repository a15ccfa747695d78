import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSlipway } from '../../test/support/run-cli.js';
import { moduleNames } from './program.js';

const cwd = mkdtempSync(join(tmpdir(), 'slipway-cli-'));

describe('the command-line contract', () => {
  it('prints help on stdout and exits 0', async () => {
    const run = await runSlipway(['--help'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: slipway/);
    // The verbs of the command-line contract (../shared/spec/product.md).
    for (const verb of ['init', 'synth', 'deploy', 'destroy', 'status', 'build', 'builds', 'logs', 'registry', 'stack', 'account', 'doctor']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${verb}\\b`, 'm'));
    }
  });

  it('loads the right module for every verb help lists: `slipway <verb> --help` works for each', async () => {
    const help = (await runSlipway(['--help'], { cwd })).stdout;
    const verbs = [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z-]+)\b/gm)].map((match) => match[1]!).filter((verb) => verb !== 'help');
    expect(verbs.length).toBeGreaterThanOrEqual(15);
    for (const verb of verbs) {
      // One module alone, so the help below proves that module registers the verb.
      expect(moduleNames([verb, '--help']), verb).toHaveLength(1);
      const run = await runSlipway([verb, '--help'], { cwd });
      expect(`${verb}: ${run.code} ${run.stdout.split('\n')[0]}`).toMatch(new RegExp(`^${verb}: 0 Usage: slipway ${verb}\\b`));
    }
  });

  it('prints its version with --version', async () => {
    const run = await runSlipway(['--version'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('lists the verbs of `slipway stack`', async () => {
    const run = await runSlipway(['stack', '--help'], { cwd });
    expect(run.code).toBe(0);
    for (const verb of ['create', 'update', 'delete', 'describe']) expect(run.stdout).toMatch(new RegExp(`^  ${verb}\\b`, 'm'));
  });

  it('exits 2 with the reason on stderr for an unknown command or option', async () => {
    const unknownCommand = await runSlipway(['frobnicate'], { cwd });
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stdout).toBe('');
    expect(unknownCommand.stderr).toMatch(/unknown command 'frobnicate'|too many arguments/);

    const unknownOption = await runSlipway(['init', '--no-such-flag'], { cwd });
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--no-such-flag'");
  });

  it('prints an error as JSON on stdout too when --json is given', async () => {
    const run = await runSlipway(['init', '--json'], { cwd });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'InitOwnerUnknown' } });
    expect(run.stderr).toMatch(/^error: cannot tell who owns the repository/);
  });
});
