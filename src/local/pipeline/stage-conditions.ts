// V2 stage conditions (CodePipeline "Configure conditions for a stage", rule reference): a condition
// is 1-5 rules and is met when every rule passes. BeforeEntry is checked before the stage runs (not
// met: FAIL or SKIP the stage), OnSuccess after it succeeded (not met: FAIL, or ROLLBACK), OnFailure
// after it failed (Result RETRY with RetryConfiguration.RetryMode, or ROLLBACK; with conditions,
// only when they are met). Rules run locally are VariableCheck (`Variable`, `Value`, `Operator`
// EQ|NE|CONTAINS|MATCHES, MATCHES with Java's whole-string `matches`); any other rule type errors
// the condition with a message naming it, which fails the stage.
import type { ConditionRecord, PipelineExecution } from './execution-model.js';
import type { StageDeclaration } from './model.js';
import { resolveText } from './variables.js';

/** One condition as the engine reads it. */
export interface StageCondition {
  result?: string;
  rules: { name: string; provider: string; type: string; configuration: Record<string, unknown> }[];
}

/** A stage's conditions: the template's PascalCase (or the API's camelCase), normalized. */
export interface StageConditions {
  beforeEntry: StageCondition[];
  onSuccess: StageCondition[];
  onFailure?: { result?: string; retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS'; conditions: StageCondition[] };
}

type Loose = Record<string, unknown>;
const field = (value: unknown, name: string): unknown => (value && typeof value === 'object' ? ((value as Loose)[name] ?? (value as Loose)[name.charAt(0).toLowerCase() + name.slice(1)]) : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function conditionsOf(block: unknown): StageCondition[] {
  return list(field(block, 'Conditions')).map((condition) => ({
    result: field(condition, 'Result') as string | undefined,
    rules: list(field(condition, 'Rules')).map((rule) => {
      const type = (field(rule, 'RuleTypeId') ?? {}) as Loose;
      const [category, owner, provider, version] = ['Category', 'Owner', 'Provider', 'Version'].map((key) => String(field(type, key) ?? ''));
      return { name: String(field(rule, 'Name')), provider: provider!, type: `${category}/${owner}/${provider}/${version}`, configuration: (field(rule, 'Configuration') ?? {}) as Loose };
    }),
  }));
}

/** The stage's conditions. */
export function stageConditions(stage: StageDeclaration): StageConditions {
  const failure = stage.onFailure;
  const retryMode = field(field(failure, 'RetryConfiguration'), 'RetryMode') === 'ALL_ACTIONS' ? 'ALL_ACTIONS' : 'FAILED_ACTIONS';
  return {
    beforeEntry: conditionsOf(stage.beforeEntry),
    onSuccess: conditionsOf(stage.onSuccess),
    onFailure: failure === undefined ? undefined : { result: field(failure, 'Result') as string | undefined, retryMode, conditions: conditionsOf(failure) },
  };
}

/** One rule's check: passed, failed, or errored (a rule slipway does not run, a variable it cannot resolve). */
function checkRule(rule: StageCondition['rules'][number], execution: PipelineExecution): ConditionRecord['rules'][number] & { errored?: boolean } {
  if (rule.provider !== 'VariableCheck') return { ruleName: rule.name, status: 'Failed', errored: true, summary: `rule ${rule.name}: rule type ${rule.type} is not run locally (slipway runs VariableCheck rules)` };
  const scope = {
    pipelineExecutionId: execution.pipelineExecutionId,
    pipelineVariables: Object.fromEntries(execution.variables.map((v) => [v.name, v.resolvedValue])),
    namespaces: execution.outputs,
  };
  const config = rule.configuration;
  try {
    const variable = resolveText(String(config.Variable ?? ''), scope, `rule ${rule.name}`);
    const value = resolveText(String(config.Value ?? ''), scope, `rule ${rule.name}`);
    const operators: Record<string, () => boolean> = { EQ: () => variable === value, NE: () => variable !== value, CONTAINS: () => variable.includes(value), MATCHES: () => new RegExp(`^(?:${value})$`).test(variable) };
    const test = operators[String(config.Operator)];
    if (!test) return { ruleName: rule.name, status: 'Failed', errored: true, summary: `rule ${rule.name}: Operator must be EQ, NE, CONTAINS or MATCHES, got '${String(config.Operator)}'` };
    const passed = test();
    return { ruleName: rule.name, status: passed ? 'Succeeded' : 'Failed', summary: `rule ${rule.name}: '${variable}' ${String(config.Operator)} '${value}' ${passed ? 'holds' : 'does not hold'}` };
  } catch (error) {
    return { ruleName: rule.name, status: 'Failed', errored: true, summary: (error as Error).message };
  }
}

/** Checks one condition: Succeeded when every rule passes, Errored when a rule could not be checked. */
export function checkCondition(condition: StageCondition, execution: PipelineExecution): ConditionRecord {
  const checked = condition.rules.map((rule) => checkRule(rule, execution));
  const status = checked.some((rule) => rule.errored) ? 'Errored' : checked.every((rule) => rule.status === 'Succeeded') ? 'Succeeded' : 'Failed';
  const rules = checked.map(({ ruleName, status: ruleStatus, summary }) => ({ ruleName, status: ruleStatus, summary }));
  return { status, summary: rules.map((rule) => rule.summary).join('; '), time: new Date().toISOString(), rules };
}
