// IAM policy statements as CloudFormation writes them. Plain data rather than aws-iam's
// PolicyStatement, so that each role's policy in the template is exactly what is written here:
// no merging, no reordering, no extra actions.
import type { IResolvable } from 'aws-cdk-lib';

/** One Allow or Deny statement of an IAM policy document. */
export interface PolicyStatement {
  /** Statement id: letters and digits only (IAM's rule for Sid). */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
  readonly Principal?: Record<string, string | string[]>;
}

/** A statement, or an `Fn::If` that yields a statement or `AWS::NoValue`. */
export type PolicyStatementEntry = PolicyStatement | IResolvable;

/** An Allow statement for an identity policy. */
export function allow(sid: string, actions: string[], resources: string | string[], condition?: PolicyStatement['Condition']): PolicyStatement {
  return { Sid: sid, Effect: 'Allow', Action: actions, Resource: resources, ...(condition ? { Condition: condition } : {}) };
}
