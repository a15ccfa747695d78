// The AWS API models as data: the checked-in copies match the installed aws-sdk, every model in the
// catalog loads into typed shapes (shared shapes followed, member traits kept), and the gateway
// refuses a handler table that names what no model has.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAwsGateway, loadServiceModel, SERVICE_NAMES } from '../../../src/local/aws-api/index.js';
import { SlipwayError } from '../../../src/errors.js';
import { rejection } from './support/rejection.js';

const root = join(import.meta.dirname, '../../..');

describe('the checked-in models', () => {
  it('are byte for byte the installed aws-sdk files, with its license, notice and a README (scripts/aws-models.mjs --check)', () => {
    const output = execFileSync('node', [join(root, 'scripts/aws-models.mjs'), '--check'], { encoding: 'utf8' });
    expect(output).toBe('up to date with aws-sdk 2.1693.0 (13 models)\n');
    const files = readdirSync(join(root, 'src/local/aws-api/models')).sort();
    expect(files).toEqual([...SERVICE_NAMES.map((name) => `${name}.json`), 'LICENSE.txt', 'NOTICE.txt', 'README.md'].sort());
  });

  it('load for every service the brief names, each with its protocol and signing name', async () => {
    const facts = await Promise.all(SERVICE_NAMES.map(async (name) => {
      const model = await loadServiceModel(name);
      return [name, model.metadata.protocol, model.metadata.jsonVersion ?? '-', model.signingName] as const;
    }));
    expect(facts).toEqual([
      ['cloudformation', 'query', '-', 'cloudformation'],
      ['codebuild', 'json', '1.1', 'codebuild'],
      ['codecommit', 'json', '1.1', 'codecommit'],
      ['codeconnections', 'json', '1.0', 'codeconnections'],
      ['codepipeline', 'json', '1.1', 'codepipeline'],
      ['codestar-connections', 'json', '1.0', 'codestar-connections'],
      ['ecr', 'json', '1.1', 'ecr'],
      ['events', 'json', '1.1', 'events'],
      ['logs', 'json', '1.1', 'logs'],
      ['s3', 'rest-xml', '-', 's3'],
      ['secretsmanager', 'json', '1.1', 'secretsmanager'],
      ['ssm', 'json', '1.1', 'ssm'],
      ['sts', 'query', '-', 'sts'],
    ]);
  });

  it('follow shared shapes and keep the traits a member adds to them', async () => {
    const s3 = await loadServiceModel('s3');
    const versions = s3.operations.get('ListObjectVersions')!;
    expect(versions).toMatchObject({ method: 'GET', requestUri: '/{Bucket}?versions' });
    const list = versions.output!.members.Versions!;
    expect([list.type, list.locationName, list.flattened]).toEqual(['list', 'Version', true]);
    // Owner is the shared shape S3r: a structure of two strings (min.json leaves out `type: string`).
    const owner = list.member!.members.Owner!;
    expect(Object.entries(owner.members).map(([name, member]) => [name, member.type])).toEqual([['DisplayName', 'string'], ['ID', 'string']]);
    const get = s3.operations.get('GetObject')!;
    expect(get.input.members.ResponseExpires).toMatchObject({ type: 'timestamp', location: 'querystring', locationName: 'response-expires', timestampFormat: 'rfc822' });
    expect(get.output!.members.Metadata).toMatchObject({ type: 'map', location: 'headers', locationName: 'x-amz-meta-' });
    const cloudformation = await loadServiceModel('cloudformation');
    expect(cloudformation.operations.get('DescribeStacks')!.output!.resultWrapper).toBe('DescribeStacksResult');
    expect(cloudformation.operations.get('DeleteStack')!.output).toBeUndefined();
  });
});

describe('the handler table', () => {
  it('is checked against the models when the gateway is built, naming every unknown service and operation', async () => {
    const services = { ecr: { DescribeImage: () => ({}) }, dynamodb: { ListTables: () => ({}) } };
    const error = await rejection<SlipwayError>(createAwsGateway({ keys: {}, services, context: () => ({}) as never }));
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error.code).toBe('AwsApiTableInvalid');
    expect(error.problems.map((problem) => problem.message)).toEqual(["services.ecr.DescribeImage: ECR has no operation 'DescribeImage'", "services.dynamodb: no model named 'dynamodb' in src/local/aws-api/models/"]);
  });
});
