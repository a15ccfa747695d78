// The clean-up between CDK's output and the template slipway prints, and readable logical ids.
import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { cleanTemplate, createTemplateApp, synthesizeApp } from '../../src/synth/index.js';
import { joinsToSubs } from '../../src/synth/join-to-sub.js';

describe('joins written as Fn::Sub', () => {
  it('turns a join of text, Ref and GetAtt into one Sub string, escaping a literal ${', () => {
    const join = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/${literal}']] };
    expect(joinsToSubs({ Resource: join })).toEqual({ Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket.Arn}/${!literal}' } });
  });

  it('leaves a join with another function inside, or a delimiter, as it is', () => {
    const withIf = { 'Fn::Join': ['', ['a', { 'Fn::If': ['C', 'x', 'y'] }]] };
    const withDelimiter = { 'Fn::Join': [',', ['a', 'b']] };
    expect(joinsToSubs([withIf, withDelimiter])).toEqual([withIf, withDelimiter]);
  });
});

describe('cleanTemplate', () => {
  it('drops CDK metadata, the bootstrap version parameter and rule, and orders the sections', () => {
    const cleaned = cleanTemplate({
      Resources: {
        CDKMetadata: { Type: 'AWS::CDK::Metadata' },
        Thing: { Type: 'AWS::SNS::Topic', Metadata: { 'aws:cdk:path': 'S/Thing', cdk_nag: {}, keep: 1 } },
        Other: { Type: 'AWS::SNS::Topic', Metadata: { 'aws:cdk:path': 'S/Other' } },
      },
      Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } },
      Rules: { CheckBootstrapVersion: {} },
      Conditions: { CDKMetadataAvailable: {} },
      Description: 'd',
      AWSTemplateFormatVersion: '2010-09-09',
    });
    expect(cleaned).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'd',
      Resources: { Thing: { Type: 'AWS::SNS::Topic', Metadata: { keep: 1 } }, Other: { Type: 'AWS::SNS::Topic' } },
    });
    expect(Object.keys(cleaned)).toEqual(['AWSTemplateFormatVersion', 'Description', 'Resources']);
  });
});

describe('logical ids', () => {
  it('come from construct ids, without the top-level construct and without Resource', () => {
    const app = createTemplateApp('ids');
    const top = new Construct(app.stack, 'Top');
    new CfnOutput(new Construct(top, 'Build'), 'Resource', { value: 'x' });
    new CfnOutput(app.stack, 'Plain', { value: 'y' });
    expect(Object.keys(synthesizeApp(app).Outputs as object)).toEqual(['Build', 'Plain']);
  });

  it('refuse two elements that would share one', () => {
    const app = createTemplateApp('clash');
    new CfnOutput(new Construct(app.stack, 'A'), 'Same', { value: 'x' });
    new CfnOutput(new Construct(app.stack, 'B'), 'Same', { value: 'y' });
    expect(() => synthesizeApp(app)).toThrow(/share the logical id Same/);
  });
});
