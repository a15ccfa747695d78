// The Rules section: each rule whose RuleCondition holds must have every Assert true, or the
// stack is refused with the AssertDescription (AWS docs, "Rules syntax"). Rule-specific
// functions: Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn; Fn::RefAll, Fn::ValueOf and
// Fn::ValueOfAll read AWS-specific parameter types from the account and are not emulated.
import { evaluateCondition, type EvaluationScope } from './evaluate.js';
import { IntrinsicError } from './intrinsic-error.js';
import type { ProblemList } from './problem-list.js';
import { isRecord } from './records.js';
import type { Template } from './template-model.js';

/** Checks every rule; problems are added to `problems`. */
export function checkRules(template: Template, scope: EvaluationScope, problems: ProblemList): void {
  for (const [name, rule] of Object.entries(template.rules)) {
    const path = ['Rules', name];
    if (!isRecord(rule) || !Array.isArray(rule.Assertions)) {
      problems.add(path, `Template format error: rule ${name} needs a list of Assertions`);
      continue;
    }
    try {
      if (rule.RuleCondition !== undefined && !evaluateCondition(rule.RuleCondition, scope, [...path, 'RuleCondition'])) continue;
      rule.Assertions.forEach((assertion, index) => {
        if (!isRecord(assertion)) return;
        if (!evaluateCondition(assertion.Assert, scope, [...path, 'Assertions', index, 'Assert'])) {
          const description = typeof assertion.AssertDescription === 'string' ? assertion.AssertDescription : 'Template error: an assertion of the rule failed';
          problems.add([...path, 'Assertions', index], `${description} (rule ${name})`);
        }
      });
    } catch (error) {
      if (!(error instanceof IntrinsicError)) throw error;
      problems.add(error.path, error.message);
    }
  }
}
