// Stack outputs and exports: evaluated after the resources, with CloudFormation's export rules
// (export names unique in the account and region; an export in use by another stack can be
// neither changed nor removed).
import { evaluate, IntrinsicError, problemOf, type StackPlan } from '../../cloudformation/index.js';
import { formatProblem } from '../../errors.js';
import type { StackOutput } from './model.js';
import { ResourceFailure, resourceScope, type OperationContext } from './resource-operations.js';

/** Evaluates the outputs whose Condition holds; throws a ResourceFailure naming the stack. */
export function evaluateOutputs(op: OperationContext, plan: StackPlan): StackOutput[] {
  const scope = resourceScope(op, plan);
  const outputs: StackOutput[] = [];
  for (const output of Object.values(plan.template.outputs)) {
    if (output.condition !== undefined && !plan.conditions[output.condition]) continue;
    try {
      const value = evaluate(output.value, scope, ['Outputs', output.name, 'Value']);
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new IntrinsicError(`Template error: the Value of output ${output.name} must evaluate to a string; got ${JSON.stringify(value)}`, ['Outputs', output.name, 'Value']);
      }
      const exportName = output.exportName === undefined ? undefined : evaluate(output.exportName, scope, ['Outputs', output.name, 'Export', 'Name']);
      outputs.push({
        OutputKey: output.name, OutputValue: String(value), Description: output.description,
        ExportName: exportName === undefined ? undefined : String(exportName),
      });
    } catch (error) {
      if (error instanceof IntrinsicError) throw new ResourceFailure(op.stack.stackName, formatProblem(problemOf(plan.template, error)));
      throw error;
    }
  }
  return outputs;
}

/** Problems with the exports a stack is about to publish, given what other stacks export and import. */
export function exportProblems(op: OperationContext, outputs: StackOutput[]): string[] {
  const problems: string[] = [];
  const wanted = new Map(outputs.filter((output) => output.ExportName !== undefined).map((output) => [output.ExportName!, output.OutputValue]));
  const seen = new Set<string>();
  for (const output of outputs) {
    if (output.ExportName === undefined) continue;
    if (seen.has(output.ExportName)) problems.push(`Template error: export name ${output.ExportName} is used by more than one output`);
    seen.add(output.ExportName);
    const owner = op.store.findExport(output.ExportName);
    if (owner && owner.stackId !== op.stack.stackId) problems.push(`Export with name ${output.ExportName} is already exported by stack ${op.store.findStack(owner.stackId)?.stackName ?? owner.stackId}`);
  }
  for (const previous of op.stack.outputs) {
    if (previous.ExportName === undefined) continue;
    const importers = op.store.importers(previous.ExportName, op.stack.stackId);
    if (importers.length === 0) continue;
    if (!wanted.has(previous.ExportName)) problems.push(`Export ${previous.ExportName} cannot be deleted as it is in use by ${importers.join(', ')}`);
    else if (wanted.get(previous.ExportName) !== previous.OutputValue) problems.push(`Cannot update export ${previous.ExportName} as it is in use by ${importers.join(', ')}`);
  }
  return problems;
}

/** Publishes the stack's exports and records what it imports. */
export function publishExports(op: OperationContext, outputs: StackOutput[]): void {
  const exports = Object.fromEntries(outputs.filter((output) => output.ExportName !== undefined).map((output) => [output.ExportName!, output.OutputValue]));
  op.store.setExportsAndImports(op.stack.stackId, exports, [...op.imports]);
}
