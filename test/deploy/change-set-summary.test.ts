// The change set summary: what is added, modified, replaced and removed, replacements called out.
import type { Change } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import { describeChangeSet, summarizeChangeSet } from '../../src/deploy/change-set-summary.js';

const change = (resourceChange: NonNullable<Change['ResourceChange']>): Change => ({ Type: 'Resource', ResourceChange: resourceChange });

const CHANGES: Change[] = [
  change({ Action: 'Remove', LogicalResourceId: 'OldTopic', ResourceType: 'AWS::SNS::Topic', PhysicalResourceId: 'arn:aws:sns:us-east-1:123456789012:old' }),
  change({
    Action: 'Modify',
    LogicalResourceId: 'Repository',
    ResourceType: 'AWS::ECR::Repository',
    Replacement: 'True',
    Details: [
      { Target: { Attribute: 'Properties', Name: 'RepositoryName', RequiresRecreation: 'Always' }, Evaluation: 'Static', ChangeSource: 'DirectModification' },
      { Target: { Attribute: 'Properties', Name: 'ImageScanningConfiguration', RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'DirectModification' },
    ],
  }),
  change({
    Action: 'Modify',
    LogicalResourceId: 'Project',
    ResourceType: 'AWS::CodeBuild::Project',
    Replacement: 'Conditional',
    Details: [{ Target: { Attribute: 'Properties', Name: 'Name', RequiresRecreation: 'Conditionally' }, Evaluation: 'Dynamic', ChangeSource: 'ParameterReference' }],
  }),
  change({
    Action: 'Modify',
    LogicalResourceId: 'Pipeline',
    ResourceType: 'AWS::CodePipeline::Pipeline',
    Replacement: 'False',
    Details: [{ Target: { Attribute: 'Properties', Name: 'Stages', RequiresRecreation: 'Never' } }],
  }),
  change({ Action: 'Add', LogicalResourceId: 'Webhook', ResourceType: 'AWS::CodePipeline::Webhook' }),
];

describe('summarizeChangeSet', () => {
  it('sorts adds, in-place modifications, replacements and removals, and counts each', () => {
    const summary = summarizeChangeSet(CHANGES);
    expect(summary.changes.map((line) => `${line.action} ${line.logicalId}`)).toEqual(['add Webhook', 'modify Pipeline', 'modify Project', 'replace Repository', 'remove OldTopic']);
    expect(summary.counts).toEqual({ add: 1, modify: 2, replace: 1, remove: 1 });
  });

  it('calls out every replacement, certain or conditional, with the properties that force it', () => {
    const summary = summarizeChangeSet(CHANGES);
    expect(summary.replacements.map((line) => [line.logicalId, line.mayBeReplaced, line.replacementCauses])).toEqual([
      ['Project', true, ['Name']],
      ['Repository', false, ['RepositoryName']],
    ]);
  });

  it('reads as one line per resource and a count line', () => {
    expect(describeChangeSet(summarizeChangeSet(CHANGES))).toEqual([
      '+ add     Webhook  AWS::CodePipeline::Webhook',
      '~ modify  Pipeline  AWS::CodePipeline::Pipeline  (Stages)',
      '~ modify  Project  AWS::CodeBuild::Project  may be REPLACED (Name)',
      '± replace Repository  AWS::ECR::Repository  REPLACED (RepositoryName changed)',
      '- remove  OldTopic  AWS::SNS::Topic',
      '1 to add, 2 to modify, 1 to replace, 1 to remove',
    ]);
  });

  it('summarizes an empty change set as nothing to do', () => {
    expect(describeChangeSet(summarizeChangeSet([]))).toEqual(['0 to add, 0 to modify, 0 to replace, 0 to remove']);
  });
});
