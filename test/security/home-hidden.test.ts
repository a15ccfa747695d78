// A home inside the folder being built (the default `.slipway/`) holds the account's database,
// its secrets and parameters: a container build sees an empty, read-only folder there instead
// (but for slipway's own build commands, mounted into it read-only).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { runSlipway } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-home-hidden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a container build of a folder that holds the home', () => {
  it('sees a read-only home holding only slipway\'s build commands: no database, no parameters file', async () => {
    writeFileSync(join(dir, 'buildspec.yml'), [
      'version: 0.2', 'phases:', '  build:', '    commands:',
      '      - echo "entries=[$(ls -A .slipway | tr \'\\n\' \' \')]"',
      '      - cat .slipway/parameters.json || echo parameters unreadable',
      '      - touch .slipway/planted 2>/dev/null && echo wrote || echo read-only', '',
    ].join('\n'));
    const env = { ...process.env, SLIPWAY_HOME: undefined };
    expect((await runSlipway(['account'], { cwd: dir, env })).code).toBe(0);
    writeFileSync(join(dir, '.slipway', 'parameters.json'), '{"parameters":{"/x":"top-secret-value"}}');
    const run = await runSlipway(['build', '--image', ensureBusyboxImage(), '--network', 'none'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    // Only slipway's own build commands (codebuild/bin, mounted read-only) show through.
    expect(run.stderr).toContain('entries=[codebuild ]');
    expect(run.stderr).toContain('parameters unreadable');
    expect(run.stderr).toContain('read-only');
    expect(run.stderr).not.toContain('top-secret-value');
  });
});
