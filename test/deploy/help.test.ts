// `slipway deploy`, `destroy` and `status --help`: each lists only the options it uses.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { slipway } from './support/cli.js';

/** The long option names a command's --help lists, in its order. */
async function optionsOf(command: string): Promise<string[]> {
  const run = await slipway([command, '--help'], tmpdir());
  expect(run.code).toBe(0);
  return [...run.stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1] as string);
}

const AWS = ['--region', '--profile', '--endpoint-url', '--stack-name', '--config'];

describe('each AWS command shows only its own options', () => {
  it('deploy: where to deploy, what to deploy, --yes and streamed --json', async () => {
    expect(await optionsOf('deploy')).toEqual([...AWS, '--yes', '--json', '--template', '--parameter', '--wait', '--s3-bucket', '--s3-prefix', '--help']);
  });

  it('destroy: which stack, --delete-images, --yes and streamed --json', async () => {
    expect(await optionsOf('destroy')).toEqual([...AWS, '--yes', '--json', '--delete-images', '--help']);
  });

  it('status: which stack and --json, nothing to confirm', async () => {
    expect(await optionsOf('status')).toEqual([...AWS, '--json', '--help']);
    const run = await slipway(['status', '--yes'], tmpdir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--yes'");
  });
});
