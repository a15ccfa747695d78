// An IAM role that one AWS service assumes, with one inline policy written statement by
// statement; or an existing role, named by ARN, that replaces it.
import { CfnCondition, CfnResource, Lazy } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeNagFinding, wildcardResourceFinding } from './nag-acknowledgements.js';
import type { PolicyStatement, PolicyStatementEntry } from './policy-statement.js';

/** Props of {@link ServiceRole}. */
export interface ServiceRoleProps {
  /** The service that assumes the role, e.g. `codebuild.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Name of the inline policy. */
  readonly policyName: string;
  /**
   * An existing role to use instead: no role is created, and statements added later are not
   * granted (the role's owner is responsible for its permissions).
   * @default - a role is created
   */
  readonly existingRoleArn?: string;
  /**
   * A condition on the created role (for roles that only some variants of a template need).
   * @default - unconditional
   */
  readonly condition?: CfnCondition;
}

/** A role for one service with a least-privilege inline policy built from the statements added to it. */
export class ServiceRole extends Construct {
  /** The ARN to hand to the service. */
  readonly roleArn: string;
  /** The created role; undefined when an existing role was given. */
  readonly role: CfnRole | undefined;
  private readonly statements: PolicyStatementEntry[] = [];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    if (props.existingRoleArn !== undefined) {
      this.roleArn = props.existingRoleArn;
      this.role = undefined;
      return;
    }
    this.role = new CfnRole(this, 'Resource', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: props.servicePrincipal }, Action: 'sts:AssumeRole' }],
      },
      policies: [
        {
          policyName: props.policyName,
          // Lazy: the constructs that use the role add their statements after it exists.
          policyDocument: Lazy.any({ produce: () => ({ Version: '2012-10-17', Statement: this.statements }) }),
        },
      ],
    });
    if (props.condition) (this.role as CfnResource).cfnOptions.condition = props.condition;
    this.roleArn = this.role.attrArn;
  }

  /** Grants the statements to the created role; a no-op for an existing role. */
  addStatements(...statements: PolicyStatementEntry[]): void {
    this.statements.push(...statements);
  }

  /**
   * Records why the wildcard resources of statements (by Sid) are needed, as cdk-nag
   * acknowledgements of its AwsSolutions-IAM5 findings on this role.
   */
  explainWildcards(reasons: Record<string, string>): void {
    if (this.role === undefined) return;
    for (const [sid, reason] of Object.entries(reasons)) {
      const statement = this.statements.find((entry): entry is PolicyStatement => (entry as PolicyStatement).Sid === sid);
      if (statement === undefined) throw new Error(`ServiceRole ${this.node.path}: no statement ${sid} to explain`);
      const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      for (const resource of resources) {
        const finding = wildcardResourceFinding(this, resource);
        if (finding.includes('*')) acknowledgeNagFinding(this.role, finding, reason);
      }
    }
  }
}
