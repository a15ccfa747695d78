// Hostile templates get a clear problem, never a stack overflow or minutes of work: size and
// nesting limits, duplicate keys found in linear time, and keys such as `__proto__` that must never
// reach Object.prototype.
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, MAX_TEMPLATE_BYTES, planStack, readTemplate } from '../../src/cloudformation/index.js';
import { LOCATION, planMessages } from './support.js';

const messages = (text: string) => {
  const read = readTemplate(text, 't.json');
  return read.ok ? [] : read.problems.map((problem) => problem.message);
};
const topic = 'Resources:\n  B:\n    Type: AWS::SNS::Topic\n';

describe('template size', () => {
  it('refuses a template over 1 MB, the quota for a template in S3, naming both sizes', () => {
    const text = `Description: "${'x'.repeat(MAX_TEMPLATE_BYTES)}"\n${topic}`;
    expect(messages(text)).toEqual([`Template format error: the template is ${Buffer.byteLength(text)} bytes; CloudFormation accepts at most 1048576 bytes (1 MB, the quota for a template in S3): split it into nested stacks`]);
  });

  it('refuses a parameter value over 4,096 bytes (a CloudFormation quota)', () => {
    expect(planMessages(`Parameters:\n  P: { Type: String }\n${topic}`, { P: 'x'.repeat(4097) })).toEqual(["Parameter 'P' has a value of 4097 bytes; CloudFormation accepts at most 4096"]);
    expect(planMessages(`Parameters:\n  P: { Type: String }\n${topic}`, { P: 'x'.repeat(4096) })).toEqual([]);
  });

  it('refuses a Description over 1,024 bytes (a CloudFormation quota)', () => {
    expect(messages(`Description: "${'é'.repeat(513)}"\n${topic}`)).toEqual(['Template format error: the template Description is 1026 bytes; CloudFormation accepts at most 1024']);
  });
});

describe('nesting depth', () => {
  const deep = (levels: number, inner: string) => `{"Resources":{"B":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":${'['.repeat(levels)}${inner}${']'.repeat(levels)}}}}}`;

  it('refuses JSON nested 100,000 levels deep, once, instead of overflowing the stack', () => {
    expect(messages(deep(100_000, '1'))).toEqual([expect.stringMatching(/^Template format error: mappings and lists are nested more than 128 levels deep/)]);
  });

  it('refuses YAML nested deeper than the limit, in flow style and in block style, at the place it passes the limit', () => {
    const flow = `${topic}    Metadata: ${'['.repeat(2000)}${']'.repeat(2000)}\n`;
    expect(messages(flow)).toEqual([expect.stringMatching(/nested more than 128 levels/)]);
    let block = `${topic}    Metadata:\n`;
    for (let level = 0; level < MAX_NESTING_DEPTH + 10; level++) block += `${' '.repeat(6 + level)}k:\n`;
    const read = readTemplate(block, 't.yaml');
    expect(read.ok ? [] : read.problems).toEqual([expect.objectContaining({ line: MAX_NESTING_DEPTH + 3, message: expect.stringMatching(/nested more than 128 levels/) })]);
  });

  it('refuses 5,000 nested Fn::Join (each level a mapping and two lists) the same way', () => {
    let join = '"x"';
    for (let index = 0; index < 5000; index++) join = `{"Fn::Join":["",[${join}]]}`;
    expect(messages(`{"Resources":{"B":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":${join}}}}}`)).toEqual([expect.stringMatching(/nested more than 128 levels/)]);
  });

  it('accepts nesting up to the limit, and evaluates it', () => {
    let join = '"x"';
    for (let index = 0; index < 40; index++) join = `{"Fn::Join":["",[${join}]]}`;
    expect(planMessages(`{"Resources":{"B":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":${join}}}}}`)).toEqual([]);
  });
});

describe('evaluated size', () => {
  // A 200 KB mapping value named 1,000 times: a 230 KB template that would evaluate to 200 MB.
  const big = `Mappings:\n  M:\n    a:\n      b: "${'x'.repeat(200_000)}"\n`;
  const names = Array.from({ length: 1000 }, () => '!FindInMap [M, a, b]').join(', ');

  it('refuses properties that references would grow past 1 MB, before anything is made', () => {
    expect(planMessages(`${big}Resources:\n  B:\n    Type: Custom::Thing\n    Properties:\n      ServiceToken: x\n      L: [${names}]\n`))
      .toEqual(['Template error: the Properties of B would be larger than 1048576 bytes once evaluated (references copy their values); the local engine refuses it']);
  });

  it('refuses a Fn::Join, Fn::Sub or output that would, without building the string', () => {
    expect(planMessages(`${big}${topic}    Properties:\n      DisplayName: !Join ["", [${names}]]\n`)).toEqual([expect.stringMatching(/^Template error: the string Fn::Join makes would be larger than 1048576 bytes/)]);
    expect(planMessages(`Parameters:\n  P: { Type: String, Default: ${'y'.repeat(4000)} }\n${topic}    Properties:\n      DisplayName: !Sub "${'${P}'.repeat(300)}"\n`)).toEqual([expect.stringMatching(/^Template error: the string Fn::Sub makes would be larger/)]);
    const six = Array.from({ length: 6 }, () => '!FindInMap [M, a, b]').join(', ');
    expect(planMessages(`${big}${topic}Outputs:\n  O:\n    Value: !Join ["", [${six}]]\n`)).toEqual([expect.stringMatching(/^Template error: the string Fn::Join makes would be larger/)]);
  });
});

describe('keys from templates', () => {
  it('refuse __proto__, constructor-like and other non-alphanumeric logical ids with CloudFormation\'s rule, at the key', () => {
    const read = readTemplate('Resources:\n  __proto__:\n    Type: AWS::SNS::Topic\n  Ok:\n    Type: AWS::SNS::Topic\n', 't.yaml');
    expect(read.ok ? [] : read.problems).toEqual([{ file: 't.yaml', path: 'Resources.__proto__', line: 2, column: 3, message: "Template format error: resource name '__proto__' is non alphanumeric (logical IDs are A-Za-z0-9, at most 255 characters)" }]);
    expect(messages('{"Resources":{"__proto__":{"Type":"AWS::SNS::Topic"}}}')).toEqual([expect.stringMatching(/resource name '__proto__' is non alphanumeric/)]);
    expect(messages(`Resources:\n  ${'A'.repeat(256)}:\n    Type: AWS::SNS::Topic\n`)).toEqual([expect.stringMatching(/is non alphanumeric/)]);
  });

  it('keep parameters, outputs, sections and properties named __proto__ as what they are, so their own rules apply', () => {
    expect(messages(`Parameters:\n  __proto__:\n    Type: String\n${topic}`)).toEqual([expect.stringMatching(/parameter name '__proto__' is non alphanumeric/)]);
    expect(messages(`${topic}Outputs:\n  __proto__:\n    Value: x\n`)).toEqual([expect.stringMatching(/output name '__proto__' is non alphanumeric/)]);
    expect(messages(`__proto__:\n  a: 1\n${topic}`)).toEqual([expect.stringMatching(/invalid template section '__proto__'/)]);
    const read = readTemplate(`${topic}    Properties:\n      __proto__: { DisplayName: x }\n`, 't.yaml');
    expect(read.ok && Object.keys(read.template.resources.B!.properties)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(read.ok ? read.template.resources.B!.properties : null)).toBe(Object.prototype);
  });

  it('find a Condition, a mapping key and a Fn::Sub variable named __proto__ as their own entries', () => {
    expect(planMessages(`Conditions:\n  __proto__: !Equals [a, b]\n${topic}    Properties:\n      DisplayName: !If [__proto__, a, b]\n`)).toEqual([]);
    const read = readTemplate(`Conditions:\n  __proto__: !Equals [a, b]\n${topic}    Condition: __proto__\n  Other:\n    Type: AWS::SNS::Topic\n`, 't.yaml');
    const plan = read.ok ? planStack(read.template, { values: {}, raw: {}, noEcho: [] }, LOCATION) : undefined;
    expect(plan?.ok && plan.plan.skipped).toEqual(['B']);
    expect(planMessages(`Conditions:\n  IsOn: !Equals [a, a]\nMappings:\n  M:\n    __proto__: { b: c }\n${topic}    Properties:\n      DisplayName: !Sub ['\${x}\${y}', { __proto__: '1', x: !FindInMap [M, __proto__, b], y: '2' }]\n`)).toEqual([]);
    expect(planMessages(`Mappings:\n  M:\n    a: { b: c }\n${topic}    Properties:\n      DisplayName: !FindInMap [M, __proto__, b]\n`)).toEqual(['Template error: Unable to get mapping for M::__proto__::b']);
  });

  it('report a duplicate key once, at its second place, and do so in linear time for a mapping of 50,000 keys', () => {
    expect(messages(`${topic}    Properties:\n      DisplayName: a\n      DisplayName: b\n`)).toEqual(["the key 'DisplayName' appears twice in the same mapping"]);
    const keys = Array.from({ length: 50_000 }, (_, index) => `"k${index}":1`);
    expect(messages(`{"Resources":{"B":{"Type":"AWS::SNS::Topic","Metadata":{${keys.join(',')},"k7":2}}}}`)).toEqual(["the key 'k7' appears twice in the same mapping"]);
  });
});
