// Values for a custom resource's attributes through a real `slipway up --template`: from
// slipway.yml's local.resourceAttributes, a --resource-attributes file and --resource-attribute
// flags (each winning over the one before for the same key), reaching the SSM parameters that
// read them, as the AWS SDK v3 sees them on up's endpoint; an edit of slipway.yml brings the stack
// up to date again; a bad value stops up before it starts, with the place it is at.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlipwayProcess } from '../support/slipway-process.js';
import { startUp, type RunningUp } from './support/running-up.js';

// A Lambda-backed lookup (not emulated locally) whose attributes three parameters read.
const TEMPLATE = `Resources:
  Lookup:
    Type: Custom::AmiLookup
    Properties: { ServiceToken: arn:aws:lambda:us-east-1:000000000000:function:lookup }
${['ImageId', 'Owner', 'Zone'].map((name) => `  ${name}:\n    Type: AWS::SSM::Parameter\n    Properties: { Name: /attrs/${name}, Type: String, Value: !GetAtt Lookup.${name} }\n`).join('')}`;

const config = (zone: string) =>
  `name: attrs\nsource: {owner: acme, repository: attrs}\nlocal:\n  resourceAttributes:\n    Lookup.ImageId: ami-yml\n    Lookup.Owner: team-yml\n    Lookup.Zone: ${zone}\n`;

let dir: string;
let up: RunningUp;
let ssm: SSMClient;

/** The parameter's value once it equals `expected`, or its last value after 15 s. */
async function parameter(name: string, expected: string): Promise<string | undefined> {
  let value: string | undefined;
  for (let tries = 0; tries < 150 && value !== expected; tries += 1) {
    if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    value = await ssm.send(new GetParameterCommand({ Name: `/attrs/${name}` })).then((answer) => answer.Parameter?.Value, () => undefined);
  }
  return value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-up-attrs-'));
  writeFileSync(join(dir, 'lookup.yaml'), TEMPLATE);
  writeFileSync(join(dir, 'slipway.yml'), config('zone-yml'));
  writeFileSync(join(dir, 'values.yml'), 'Lookup.ImageId: ami-file\nLookup.Owner: team-file\n');
  up = await startUp({ cwd: dir, home: join(dir, 'home'), args: ['--template', 'lookup.yaml', '--resource-attributes', 'values.yml', '--resource-attribute', 'Lookup.ImageId=ami-flag'] });
  ssm = new SSMClient(up.clientConfig);
}, 60_000);

afterAll(async () => {
  ssm?.destroy();
  expect(await up?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('slipway up --resource-attribute and slipway.yml local.resourceAttributes', () => {
  it('gives each attribute its value: the flag over the file over slipway.yml, for the same key', async () => {
    expect(await parameter('ImageId', 'ami-flag')).toBe('ami-flag');
    expect(await parameter('Owner', 'team-file')).toBe('team-file');
    expect(await parameter('Zone', 'zone-yml')).toBe('zone-yml');
  });

  it('takes slipway.yml again when it changes, though the stack comes from --template', async () => {
    await parameter('Zone', 'zone-yml');
    writeFileSync(join(dir, 'slipway.yml'), config('zone-2'));
    expect(await parameter('Zone', 'zone-2')).toBe('zone-2');
    expect(await parameter('ImageId', 'ami-flag')).toBe('ami-flag');
  });
});

describe('slipway up with bad values', () => {
  const upOnce = (cwd: string, ...args: string[]) => runSlipwayProcess(['up', '--port', '0', '--home', join(cwd, 'home'), ...args], { cwd });

  it('stops before serving, exit 2, at the line and column of a bad local.resourceAttributes entry', async () => {
    const bad = mkdtempSync(join(dir, 'bad-'));
    writeFileSync(join(bad, 'lookup.yaml'), TEMPLATE);
    writeFileSync(join(bad, 'slipway.yml'), 'name: attrs\nsource: {owner: acme, repository: attrs}\nlocal:\n  resourceAttributes:\n    Look-up.Zone: x\n    Lookup.Owner: [a]\n');
    const run = await upOnce(bad, '--template', 'lookup.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('slipway.yml is not valid (2 problems)');
    expect(run.stderr).toContain('slipway.yml:5:5 local.resourceAttributes.Look-up.Zone: key "Look-up.Zone": expected Logical.Attribute');
    expect(run.stderr).toContain('slipway.yml:6:19 local.resourceAttributes.Lookup.Owner: expected string, found a list of 1');
    expect(run.stdout).toBe('');
  });

  it('stops before serving, exit 2, on a --resource-attribute without a value', async () => {
    const run = await upOnce(dir, '--template', 'lookup.yaml', '--resource-attribute', 'Lookup.Zone');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--resource-attribute expects NAME=VALUE, found "Lookup.Zone"');
    expect(run.stdout).toBe('');
  });
});
