// Bad templates fail with file, location and reason, and leave no stack and no resource behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import { testEngine, type TestEngine } from './support/engine.js';

const BAD = join(import.meta.dirname, '..', 'cloudformation', 'templates', 'bad');
const CASES: { file: string; line: number; column: number; message: RegExp }[] = [
  { file: 'malformed.yaml', line: 6, column: 3, message: /invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/ },
  { file: 'unknown-function.yaml', line: 7, column: 36, message: /^Template format error: Encountered unsupported function: Fn::Concat$/ },
  { file: 'cycle.yaml', line: 3, column: 5, message: /^Circular dependency between resources: \[Bucket, Topic\]$/ },
  { file: 'missing-parameter.yaml', line: 3, column: 5, message: /^Parameters: \[RepositoryName\] must have values/ },
  { file: 'outside-allowed-values.yaml', line: 3, column: 5, message: /^Parameter 'Stage' must be one of AllowedValues \[dev, prod\] \(got 'qa'\)$/ },
  { file: 'unsupported-property.yaml', line: 6, column: 7, message: /^Encountered unsupported property BucketNme \(did you mean BucketName\?\)$/ },
  { file: 'unrecognized-type.yaml', line: 6, column: 11, message: /^Template format error: Unrecognized resource types: \[AWS::Foo::Bar\]$/ },
];

describe('bad templates', () => {
  let t: TestEngine;
  beforeAll(() => {
    t = testEngine();
  });
  afterAll(() => t.dispose());

  for (const entry of CASES) {
    it(`${entry.file} fails at ${entry.line}:${entry.column} and leaves nothing behind`, async () => {
      const templateFile = join(BAD, entry.file);
      const error = await t.engine.create({ stackName: 'bad', templateBody: readFileSync(templateFile, 'utf8'), templateFile }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SlipwayError);
      const [problem] = (error as SlipwayError).problems;
      expect(problem).toMatchObject({ file: templateFile, line: entry.line, column: entry.column });
      expect(problem?.message).toMatch(entry.message);
      expect(t.engine.listStacks()).toEqual([]);
      expect(t.engine.artifacts.listBuckets()).toEqual([]);
      expect(t.events).toEqual([]);
    });
  }
});

describe('resource declarations AWS would refuse', () => {
  let t: TestEngine;
  beforeAll(() => {
    t = testEngine();
  });
  afterAll(() => t.dispose());

  const problemsOf = async (file: string) => {
    const templateFile = join(BAD, file);
    const error = await t.engine.create({ stackName: 'bad', templateBody: readFileSync(templateFile, 'utf8'), templateFile }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    return (error as SlipwayError).problems.map(({ path, line, message }) => ({ path, line, message }));
  };

  it('reports every unsupported property at once, each at its place, with the likely intended name', async () => {
    expect(await problemsOf('unsupported-property.yaml')).toEqual([
      { path: 'Resources.Artifacts.Properties.BucketNme', line: 6, message: 'Encountered unsupported property BucketNme (did you mean BucketName?)' },
      { path: 'Resources.Images.Properties.ImageTagMutabilty', line: 11, message: 'Encountered unsupported property ImageTagMutabilty (did you mean ImageTagMutability?)' },
    ]);
  });

  it('reports unrecognized types and unsupported properties in the same run', async () => {
    const templateBody = 'Resources:\n  Artifacts:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNme: x\n  Thing:\n    Type: AWS::Foo::Bar\n';
    const error = await t.engine.create({ stackName: 'bad', templateBody, templateFile: 'both.yaml' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).problems.map(({ path, line, column }) => ({ path, line, column }))).toEqual([
      { path: 'Resources.Thing.Type', line: 7, column: 11 },
      { path: 'Resources.Artifacts.Properties.BucketNme', line: 5, column: 7 },
    ]);
    expect(t.engine.listStacks()).toEqual([]);
  });

  it('reports every unrecognized resource type at once, suggesting the real type a misspelling is close to', async () => {
    expect(await problemsOf('unrecognized-type.yaml')).toEqual([
      { path: 'Resources.Thing.Type', line: 6, message: 'Template format error: Unrecognized resource types: [AWS::Foo::Bar]' },
      { path: 'Resources.Images.Type', line: 8, message: 'Template format error: Unrecognized resource types: [AWS::ECR::Repositry] (did you mean AWS::ECR::Repository?)' },
    ]);
  });
});

// Issue 16's hostile templates and variants: each ends in a clear problem, exit 2, and nothing made.
describe('hostile templates', () => {
  let t: TestEngine;
  beforeAll(() => {
    t = testEngine();
  });
  afterAll(() => t.dispose());

  let join = '"x"';
  for (let index = 0; index < 5000; index++) join = `{"Fn::Join":["",[${join}]]}`;
  const HOSTILE: { name: string; text: string; message: RegExp }[] = [
    { name: 'JSON nested 100,000 levels deep', text: `{"Resources":{"B":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}`, message: /nested more than 128 levels deep/ },
    { name: '5,000 nested Fn::Join', text: `{"Resources":{"B":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":${join}}}}}`, message: /nested more than 128 levels deep/ },
    { name: 'a logical id __proto__ (silently dropped before)', text: 'Resources:\n  __proto__:\n    Type: AWS::SNS::Topic\n', message: /resource name '__proto__' is non alphanumeric/ },
    { name: 'a property __proto__', text: 'Resources:\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      __proto__: { DisplayName: x }\n', message: /^Encountered unsupported property __proto__/ },
    { name: 'an AllowedPattern with nested quantifiers (88 s before)', text: `Parameters:\n  P:\n    Type: String\n    AllowedPattern: '(a+)+$'\n    Default: ${'a'.repeat(40)}b\nResources:\n  B:\n    Type: AWS::SNS::Topic\n`, message: /^Parameter 'P' failed to satisfy constraint: Parameter must match pattern \(a\+\)\+\$/ },
    { name: 'an invalid AllowedPattern (exit 70 before)', text: "Parameters:\n  P:\n    Type: String\n    Default: x\n    AllowedPattern: '(['\nResources:\n  B:\n    Type: AWS::SNS::Topic\n", message: /AllowedPattern of parameter 'P' cannot be evaluated: it is not a valid regular expression/ },
    { name: 'a template over 1 MB', text: `Description: x\nMetadata:\n  Blob: "${'x'.repeat(1_100_000)}"\nResources:\n  B:\n    Type: AWS::SNS::Topic\n`, message: /accepts at most 1048576 bytes/ },
    { name: 'a parameter Default that is a mapping (found by the fuzzing pass: exit 70 before)', text: 'Parameters:\n  P:\n    Type: String\n    Default: { toString: null }\nResources:\n  B:\n    Type: AWS::SNS::Topic\n', message: /^Template format error: a parameter Default must be a string or number \(or a list of them\); got \{ toString: null \}$/ },
    { name: 'a DeletionPolicy that is a mapping whose toString is a key (exit 70 before)', text: 'Resources:\n  B:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: { toString: x }\n', message: /^DeletionPolicy must be one of .*; got \{ toString: x \}$/ },
  ];

  for (const entry of HOSTILE) {
    it(`${entry.name}: a clear problem, and nothing made`, async () => {
      const error = await t.engine.create({ stackName: 'hostile', templateBody: entry.text, templateFile: 'hostile.yaml' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).exitCode).toBe(2);
      expect((error as SlipwayError).problems[0]?.message).toMatch(entry.message);
      expect(t.engine.listStacks()).toEqual([]);
      expect(t.events).toEqual([]);
    });
  }
});
