// What CloudFormation refuses when it validates a template is refused by `slipway stack create`
// before anything is made, with exit 2; LanguageExtensions policies decide what a delete keeps.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlipway } from '../support/run-cli.js';

let dir: string;
const slipway = (...args: string[]) => runSlipway([...args, '--home', join(dir, 'home')], { cwd: dir });
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

const REFUSED: { file: string; text: string; message: RegExp }[] = [
  { file: 'find-in-map.yaml', text: 'Mappings:\n  Sizes:\n    prod: { Count: "3" }\nResources:\n  Queue:\n    Type: AWS::SNS::Topic\n  Param:\n    Type: AWS::SSM::Parameter\n    Properties: { Type: String, Value: !FindInMap [Sizes, dev, Count] }\n', message: /find-in-map\.yaml:9:51 Resources\.Param\.Properties\.Value\.Fn::FindInMap: Template error: Unable to get mapping for Sizes::dev::Count/ },
  { file: 'macro.yaml', text: 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Param:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://bucket/param.yaml } }\n', message: /Fn::Transform \(macro AWS::Include\) is a macro, which is not run locally/ },
  { file: 'sam.yaml', text: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n', message: /Transform AWS::Serverless-2016-10-31 is a macro, which is not run locally/ },
  { file: 'policy.yaml', text: 'Conditions:\n  Prod: !Equals [a, a]\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: !If [Prod, Retain, Delete]\n', message: /got !If \[Prod, Retain, Delete\] \(an intrinsic function here needs 'Transform: AWS::LanguageExtensions'\)/ },
  { file: 'select.yaml', text: 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !Select [2, !Split [",", "a,b"]] }\n', message: /Fn::Select cannot select nonexistent value at index 2/ },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-early-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('refused before anything is made', () => {
  for (const entry of REFUSED) {
    it(`${entry.file}: exit 2, the problem at its place, no stack, no event`, async () => {
      write(entry.file, entry.text);
      const run = await slipway('stack', 'create', '--template', entry.file, '--stack-name', 'early', '--json');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(entry.message);
      expect(run.stderr).not.toMatch(/CREATE_IN_PROGRESS|\[object Object\]/);
      const described = await slipway('stack', 'describe', '--json');
      expect(JSON.parse(described.stdout)).toEqual({ Stacks: [] });
    });
  }
});

describe('AWS::LanguageExtensions policies', () => {
  it('Fn::If in DeletionPolicy and UpdateReplacePolicy is resolved with the transform, and a delete keeps what the policy retains', async () => {
    write('keep.yaml', `Transform: AWS::LanguageExtensions
Parameters:
  Stage: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Config:
    Type: AWS::SSM::Parameter
    DeletionPolicy: !If [IsProd, Retain, Delete]
    UpdateReplacePolicy: !If [IsProd, Retain, Delete]
    Properties: { Name: /keep/config, Type: String, Value: v1 }
`);
    expect((await slipway('stack', 'create', '--template', 'keep.yaml', '--stack-name', 'keep')).code).toBe(0);
    const deleted = await slipway('stack', 'delete', '--stack-name', 'keep');
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatch(/DELETE_SKIPPED\s+AWS::SSM::Parameter\s+Config/);
    // The retained parameter is still there: a second stack that makes it again fails on it.
    const again = await slipway('stack', 'create', '--template', 'keep.yaml', '--stack-name', 'dev', '--parameter', 'Stage=dev');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/The parameter already exists/);
    expect((await slipway('stack', 'delete', '--stack-name', 'dev')).stderr).not.toMatch(/DELETE_SKIPPED/);
  });
});
