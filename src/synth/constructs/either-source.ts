// One of two sources, chosen when the stack is created: the generic template uses a connection
// when a ConnectionArn parameter is given and GitHub (version 1) otherwise.
import { Aws, CfnCondition, Fn, type IResolvable } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PipelineSource, SourceBindOptions, SourceBinding, TriggerDeclaration } from './pipeline-source.js';
import type { PolicyStatementEntry } from './policy-statement.js';

/** A source and the condition under which it is the one used. */
export interface SourceChoice {
  /** When this source is the one used. */
  readonly condition: CfnCondition;
  /** The source used then. */
  readonly source: PipelineSource;
}

/**
 * The source of `first` when its condition holds, else that of `second`. The two conditions
 * must be each other's negation: resources of each source get its condition.
 */
export class EitherSource implements PipelineSource {
  constructor(
    private readonly first: SourceChoice,
    private readonly second: SourceChoice,
  ) {}

  bind(scope: Construct, options: SourceBindOptions): SourceBinding {
    const a = this.first.source.bind(scope, { ...options, condition: this.first.condition });
    const b = this.second.source.bind(scope, { ...options, condition: this.second.condition });
    const when = this.first.condition.logicalId;
    const choose = <T>(x: T | undefined, y: T | undefined): IResolvable => Fn.conditionIf(when, x ?? Aws.NO_VALUE, y ?? Aws.NO_VALUE);
    const only = (condition: string, statement: PolicyStatementEntry, first: boolean): PolicyStatementEntry =>
      first ? Fn.conditionIf(condition, statement, Aws.NO_VALUE) : Fn.conditionIf(condition, Aws.NO_VALUE, statement);
    return {
      action: choose(a.action, b.action),
      triggers: a.triggers || b.triggers ? choose<TriggerDeclaration[] | IResolvable>(a.triggers, b.triggers) : undefined,
      pipelineRoleStatements: [
        ...a.pipelineRoleStatements.map((statement) => only(when, statement, true)),
        ...b.pipelineRoleStatements.map((statement) => only(when, statement, false)),
      ],
      connectionArn: a.connectionArn ?? b.connectionArn,
      attach: (target) => {
        const first = a.attach(target);
        const second = b.attach(target);
        return { webhookUrl: first.webhookUrl ?? second.webhookUrl };
      },
    };
  }
}
