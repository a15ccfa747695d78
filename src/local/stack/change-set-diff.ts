// What a change set would do, computed without doing it: the planned template against the
// stack's current resources, in the shape of DescribeChangeSet's Changes (Action Add, Modify or
// Remove; Replacement True, False or Conditional; Scope; Details with Target, Evaluation,
// ChangeSource and CausingEntity). A property that reads a resource which is new or will be
// replaced cannot be known yet: it is a Dynamic change, and makes a replacement Conditional.
import { evaluate, NO_VALUE, type ResourceDeclaration, type StackPlan } from '../../cloudformation/index.js';
import type { StackResourceRecord } from './model.js';
import { changedProperties, providerContext, providerOf, resourceScope, type OperationContext } from './resource-operations.js';

/** What part of a resource a change touches (ResourceAttribute). */
export type ResourceAttribute = 'Properties' | 'Metadata' | 'CreationPolicy' | 'UpdatePolicy' | 'DeletionPolicy' | 'UpdateReplacePolicy' | 'Tags';

/** One detail of a resource's change (ResourceChangeDetail). */
export interface ResourceChangeDetail {
  Target: { Attribute: ResourceAttribute; Name?: string; RequiresRecreation: 'Never' | 'Conditionally' | 'Always'; Path?: string; AttributeChangeType?: 'Add' | 'Remove' | 'Modify' };
  Evaluation: 'Static' | 'Dynamic';
  ChangeSource: 'ResourceReference' | 'ParameterReference' | 'ResourceAttribute' | 'DirectModification' | 'Automatic';
  CausingEntity?: string;
}

/** One change of a change set (Change, Type Resource). */
export interface Change {
  Type: 'Resource';
  ResourceChange: {
    Action: 'Add' | 'Modify' | 'Remove';
    LogicalResourceId: string;
    PhysicalResourceId?: string;
    ResourceType: string;
    Replacement?: 'True' | 'False' | 'Conditional';
    PolicyAction?: 'Delete' | 'Retain';
    Scope: ResourceAttribute[];
    Details: ResourceChangeDetail[];
  };
}

const MARK = '\u0000dynamic:';

/** The changes `plan` would make to the stack of `op`, in the template's order, then the removals. */
export function diffStack(op: OperationContext, plan: StackPlan, previous: Record<string, ResourceDeclaration>): Change[] {
  const unknown = new Set(plan.order.filter((id) => !op.resources.has(id)));
  const changes: Change[] = [];
  for (const id of plan.order) {
    const declaration = plan.template.resources[id]!;
    const record = op.resources.get(id);
    if (!record) {
      changes.push(change('Add', id, declaration.type, { Scope: [], Details: [] }));
      continue;
    }
    const modify = modification(op, plan, declaration, record, previous[id], unknown);
    if (!modify) continue;
    if (modify.Replacement !== 'False') unknown.add(id);
    changes.push(change('Modify', id, record.type, { PhysicalResourceId: record.physicalId, ...modify }));
  }
  for (const record of op.resources.values()) {
    if (plan.order.includes(record.logicalId)) continue;
    const retain = record.deletionPolicy === 'Retain' || record.deletionPolicy === 'RetainExceptOnCreate';
    changes.push(change('Remove', record.logicalId, record.type, { PhysicalResourceId: record.physicalId, PolicyAction: retain ? 'Retain' : 'Delete', Scope: [], Details: [] }));
  }
  return changes;
}

function change(action: Change['ResourceChange']['Action'], logicalId: string, type: string, rest: Partial<Change['ResourceChange']>): Change {
  return { Type: 'Resource', ResourceChange: { Action: action, LogicalResourceId: logicalId, ResourceType: type, Scope: [], Details: [], ...rest } };
}

type Modification = Pick<Change['ResourceChange'], 'Replacement' | 'Scope' | 'Details'>;

function modification(
  op: OperationContext, plan: StackPlan, declaration: ResourceDeclaration, record: StackResourceRecord,
  before: ResourceDeclaration | undefined, unknown: Set<string>,
): Modification | undefined {
  const after = evaluateWithUnknowns(op, plan, declaration, unknown);
  const provider = providerOf(declaration.type);
  const details = changedProperties(record.properties, after).map((name) => propertyDetail(name, after[name], before, declaration, provider?.replaceOn.includes(name) === true, record.properties[name] === undefined ? 'Add' : after[name] === undefined ? 'Remove' : 'Modify'));
  const current = { physicalId: record.physicalId ?? '', properties: record.properties, attributes: record.attributes, internal: record.internal };
  if (details.length === 0 && provider?.needsUpdate?.(providerContext(op, plan, declaration.logicalId), current, after)) {
    details.push({ Target: { Attribute: 'Properties', RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'Automatic' });
  }
  for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
    const was = policy === 'DeletionPolicy' ? record.deletionPolicy : record.updateReplacePolicy;
    const now = policy === 'DeletionPolicy' ? declaration.deletionPolicy : declaration.updateReplacePolicy;
    if (was !== now) details.push({ Target: { Attribute: policy, RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'DirectModification' });
  }
  if (details.length === 0) return undefined;
  const always = details.filter((detail) => detail.Target.RequiresRecreation === 'Always');
  const replacement = always.some((detail) => detail.Evaluation === 'Static') ? 'True' : always.length > 0 || details.some((detail) => detail.Target.RequiresRecreation === 'Conditionally') ? 'Conditional' : 'False';
  return { Replacement: replacement, Scope: [...new Set(details.map((detail) => detail.Target.Attribute))], Details: details };
}

function propertyDetail(name: string, value: unknown, before: ResourceDeclaration | undefined, declaration: ResourceDeclaration, replaces: boolean, kind: 'Add' | 'Remove' | 'Modify'): ResourceChangeDetail {
  const target = { Attribute: 'Properties', Name: name, RequiresRecreation: replaces ? 'Always' : 'Never', Path: `/Properties/${name}`, AttributeChangeType: kind } as const;
  // In JSON text the marker's NUL characters read `\u0000`.
  const cause = /\\u0000dynamic:([^\\]+)\\u0000/.exec(JSON.stringify(value ?? null));
  if (cause) {
    const entity = cause[1]!;
    return { Target: target, Evaluation: 'Dynamic', ChangeSource: entity.includes('.') ? 'ResourceAttribute' : 'ResourceReference', CausingEntity: entity };
  }
  const rawBefore = JSON.stringify(before?.properties[name]);
  const rawAfter = JSON.stringify(declaration.properties[name]);
  // The template text of the property is the same, so the value changed through a parameter.
  return { Target: target, Evaluation: 'Static', ChangeSource: rawBefore === rawAfter ? 'ParameterReference' : 'DirectModification' };
}

/** A resource's properties, with what reads a new or replaced resource marked as unknown. */
function evaluateWithUnknowns(op: OperationContext, plan: StackPlan, declaration: ResourceDeclaration, unknown: Set<string>): Record<string, unknown> {
  const scope = resourceScope(op, plan);
  const known = scope.resource;
  scope.resource = (logicalId) => {
    if (!unknown.has(logicalId)) return known(logicalId);
    const type = plan.template.resources[logicalId]!.type;
    const attributes = new Proxy({}, {
      getOwnPropertyDescriptor: (_target, name) => ({ configurable: true, enumerable: true, value: `${MARK}${logicalId}.${String(name)}\u0000` }),
      get: (_target, name) => `${MARK}${logicalId}.${String(name)}\u0000`,
    });
    return { type, ref: `${MARK}${logicalId}\u0000`, attributes };
  };
  const value = evaluate(declaration.properties, scope, ['Resources', declaration.logicalId, 'Properties']);
  return (value === NO_VALUE ? {} : value) as Record<string, unknown>;
}
