// Checks made before a change set is asked for: warnings, capabilities, parameters, and
// placing AWS's validation messages in the template.
import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import { changeSetParameters, requiredCapabilities, templateWarnings } from '../../src/deploy/template-checks.js';
import { readTemplate } from '../../src/deploy/template-document.js';
import { locateInTemplate } from '../../src/deploy/template-location.js';
import { planForStack } from '../../src/deploy/stack-state.js';

const template = (text: string) => readTemplate({ file: 'template.yml', text });

const PIPELINE = template(`Parameters:
  OAuthToken:
    Type: String
    NoEcho: true
  Branch:
    Type: String
    Default: main
Resources:
  Key:
    Type: AWS::KMS::Key
  Role:
    Type: AWS::IAM::Role
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Stages:
        - Name: Source
          Actions:
            - Name: GitHub
              ActionTypeId: { Category: Source, Owner: ThirdParty, Provider: GitHub, Version: '1' }
              Configuration:
                Owner: me
                OAuthToken: !Ref OAuthToken
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1' }
`);

describe('templateWarnings', () => {
  it('warns about a KMS key, a V1 pipeline and a GitHub v1 source that polls by default', () => {
    expect(templateWarnings(PIPELINE).map((warning) => `${warning.code} ${warning.logicalId}`)).toEqual(['KMS_KEY Key', 'PIPELINE_V1 Pipeline', 'POLLING_SOURCE Pipeline']);
  });

  it('says nothing about a V2 pipeline whose source is a connection', () => {
    const v2 = template(`Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      PipelineType: V2
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: arn, FullRepositoryId: me/app, BranchName: main }
`);
    expect(templateWarnings(v2)).toEqual([]);
  });

  it('warns when a CodeCommit source sets PollForSourceChanges to "true", but not to false', () => {
    const source = (poll: string) => template(`Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      PipelineType: V2
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1' }
              Configuration: { RepositoryName: app, BranchName: main, PollForSourceChanges: ${poll} }
`);
    expect(templateWarnings(source("'true'")).map((w) => w.code)).toEqual(['POLLING_SOURCE']);
    expect(templateWarnings(source('false'))).toEqual([]);
  });
});

describe('requiredCapabilities', () => {
  it('acknowledges named IAM resources when the template has IAM resources, and macros for a Transform', () => {
    expect(requiredCapabilities(PIPELINE, [])).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(requiredCapabilities(template('Transform: AWS::Serverless-2016-10-31\nResources: {}'), ['CAPABILITY_IAM'])).toEqual(['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM']);
  });
});

describe('changeSetParameters', () => {
  it('passes given values, keeps a NoEcho value from the last deploy, and lets Defaults apply', () => {
    expect(changeSetParameters(PIPELINE, {}, { OAuthToken: '****', Branch: 'develop' })).toEqual([{ ParameterKey: 'OAuthToken', UsePreviousValue: true }]);
    expect(changeSetParameters(PIPELINE, { OAuthToken: 't', Branch: 'dev' }, undefined)).toEqual([
      { ParameterKey: 'OAuthToken', ParameterValue: 't' },
      { ParameterKey: 'Branch', ParameterValue: 'dev' },
    ]);
  });

  it('reads NoEcho as the local engine does: "True" in any case masks, so a Default does not replace the previous value', () => {
    const masked = template("Parameters:\n  Token: { Type: String, NoEcho: 'True', Default: none }\nResources: {}\n");
    expect(changeSetParameters(masked, {}, { Token: '****' })).toEqual([{ ParameterKey: 'Token', UsePreviousValue: true }]);
  });

  it('reports every unknown name and every missing value at once', () => {
    const error = (() => {
      try {
        changeSetParameters(PIPELINE, { Brnach: 'x' }, undefined);
      } catch (caught) {
        return caught as SlipwayError;
      }
    })();
    expect(error?.code).toBe('ParametersInvalid');
    expect(error?.problems.map((p) => [p.path, p.line])).toEqual([
      ['Parameters.Brnach', undefined],
      ['Parameters.OAuthToken', 2],
    ]);
    expect(error?.hint).toMatch(/--parameter/);
  });
});

describe('readTemplate', () => {
  it('places a YAML syntax error at its line and column', () => {
    const error = (() => {
      try {
        readTemplate({ file: 'broken.yml', text: 'Resources:\n  A:\n    Type: [\n' });
      } catch (caught) {
        return caught as SlipwayError;
      }
    })();
    expect(error?.code).toBe('TemplateInvalid');
    expect(error?.problems[0]).toMatchObject({ file: 'broken.yml', line: 4 });
  });

  const failureOf = (text: string) => {
    try {
      readTemplate({ file: 't.yml', text });
    } catch (caught) {
      return caught as SlipwayError;
    }
    return expect.fail('the template should be refused');
  };

  it('refuses a duplicate key at its line and column, as CloudFormation and the local engine do', () => {
    const error = failureOf('Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SQS::Queue\n');
    expect(error.code).toBe('TemplateInvalid');
    expect(error.problems[0]).toMatchObject({ file: 't.yml', line: 4, column: 3, message: expect.stringMatching(/the key '.*' appears twice in the same mapping/) });
  });

  it('refuses an unknown short-form tag and a YAML alias, with their locations', () => {
    expect(failureOf('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: { TopicName: !Frob x }\n').problems[0]).toMatchObject({ line: 4, message: expect.stringMatching(/unknown YAML tag '!Frob'/) });
    expect(failureOf('Resources:\n  A: &a\n    Type: AWS::SNS::Topic\n  B: *a\n').problems[0]).toMatchObject({ line: 4, message: expect.stringMatching(/aliases are not allowed/) });
  });

  it('reads every short form in long form: !GetAtt A.B is split, rule functions are known', () => {
    const read = template('Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !GetAtt Stack.Outputs.Name, Tags: [!Contains [[a], a]] }\n');
    expect(read.resources.T?.Properties).toEqual({ DisplayName: { 'Fn::GetAtt': ['Stack', 'Outputs.Name'] }, Tags: [{ 'Fn::Contains': [['a'], 'a'] }] });
  });
});

describe('locateInTemplate', () => {
  const text = 'Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: !Ref Missing\n';
  it('finds the names in CloudFormation\'s "Unresolved resource dependencies [..]" message', () => {
    const problems = locateInTemplate('Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template', { file: 't.yml', text });
    expect(problems).toMatchObject([{ file: 't.yml', line: 5, column: 28, path: 'Missing' }]);
  });

  it('uses the line and column CloudFormation gives for YAML errors', () => {
    expect(locateInTemplate('Template format error: YAML not well-formed. (line 3, column 11)', { file: 't.yml', text })).toMatchObject([{ line: 3, column: 11 }]);
  });

  it('returns nothing when the message names nothing in the template', () => {
    expect(locateInTemplate('Template format error: every Resources object must contain a Type member.', { file: 't.yml', text })).toEqual([]);
  });
});

describe('planForStack', () => {
  const stack = (status: string) => ({ stackId: 'id', stackName: 'app-dev', status, outputs: {}, parameters: {} });
  it('creates, updates, or replaces a failed create according to the stack status', () => {
    expect(planForStack(undefined)).toEqual({ kind: 'create' });
    expect(planForStack(stack('REVIEW_IN_PROGRESS'))).toEqual({ kind: 'create-on-review' });
    expect(planForStack(stack('UPDATE_ROLLBACK_COMPLETE'))).toEqual({ kind: 'update' });
    expect(planForStack(stack('ROLLBACK_COMPLETE'))).toEqual({ kind: 'replace-failed-create' });
  });

  it('explains what to do with a stack that accepts no change set', () => {
    expect(() => planForStack(stack('UPDATE_ROLLBACK_FAILED'))).toThrow(expect.objectContaining({ hint: expect.stringMatching(/continue-update-rollback/) }));
    expect(() => planForStack(stack('DELETE_FAILED'))).toThrow(expect.objectContaining({ code: 'StackNeedsDelete', hint: expect.stringMatching(/slipway destroy/) }));
    expect(() => planForStack(stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'))).toThrow(expect.objectContaining({ code: 'StackBusy' }));
  });
});
