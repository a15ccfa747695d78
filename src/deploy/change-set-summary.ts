// A change set, summarized for a person: what will be added, modified, replaced and removed,
// with every replacement called out and the properties that force it. Pure: it reads the
// Changes that DescribeChangeSet returned and nothing else.
import type { Change } from '@aws-sdk/client-cloudformation';

/** What happens to one resource. `replace` is CloudFormation's Modify with Replacement True. */
export type ChangeAction = 'add' | 'modify' | 'replace' | 'remove' | 'import' | 'dynamic';

/** One resource's change. */
export interface ResourceChangeLine {
  action: ChangeAction;
  logicalId: string;
  resourceType: string;
  physicalId?: string;
  /** Modify with Replacement Conditional: replaced only if a value known at execution time changes. */
  mayBeReplaced: boolean;
  /** Properties whose change requires recreating the resource (Details[].Target, RequiresRecreation Always or Conditionally). */
  replacementCauses: string[];
  /** Every property or attribute the change touches. */
  properties: string[];
}

/** The whole change set. */
export interface ChangeSetSummary {
  changes: ResourceChangeLine[];
  counts: Record<'add' | 'modify' | 'replace' | 'remove', number>;
  /** Resources that will (or may) be replaced: a new physical resource, the old one deleted. */
  replacements: ResourceChangeLine[];
}

// Display order: what appears, what changes, what is recreated, what goes away.
const ORDER: ChangeAction[] = ['add', 'import', 'modify', 'dynamic', 'replace', 'remove'];

/** Summarizes the Changes of a change set. */
export function summarizeChangeSet(changes: Change[]): ChangeSetSummary {
  const lines = changes.flatMap((change) => (change.ResourceChange ? [toLine(change.ResourceChange)] : []));
  lines.sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || a.logicalId.localeCompare(b.logicalId));
  const count = (action: ChangeAction) => lines.filter((line) => line.action === action).length;
  return {
    changes: lines,
    counts: { add: count('add') + count('import'), modify: count('modify') + count('dynamic'), replace: count('replace'), remove: count('remove') },
    replacements: lines.filter((line) => line.action === 'replace' || line.mayBeReplaced),
  };
}

function toLine(change: NonNullable<Change['ResourceChange']>): ResourceChangeLine {
  const details = change.Details ?? [];
  const properties = [...new Set(details.map((detail) => detail.Target?.Name ?? detail.Target?.Attribute ?? '').filter(Boolean))];
  const replacementCauses = [
    ...new Set(
      details
        .filter((detail) => detail.Target?.RequiresRecreation === 'Always' || detail.Target?.RequiresRecreation === 'Conditionally')
        .map((detail) => detail.Target?.Name ?? detail.Target?.Attribute ?? '')
        .filter(Boolean),
    ),
  ];
  return {
    action: actionOf(change),
    logicalId: change.LogicalResourceId ?? '',
    resourceType: change.ResourceType ?? '',
    ...(change.PhysicalResourceId ? { physicalId: change.PhysicalResourceId } : {}),
    mayBeReplaced: change.Action === 'Modify' && change.Replacement === 'Conditional',
    replacementCauses,
    properties,
  };
}

function actionOf(change: NonNullable<Change['ResourceChange']>): ChangeAction {
  switch (change.Action) {
    case 'Add':
      return 'add';
    case 'Remove':
      return 'remove';
    case 'Import':
      return 'import';
    case 'Dynamic':
      return 'dynamic';
    default:
      // Replacement True: CloudFormation creates the new resource, then deletes the old one.
      return change.Replacement === 'True' ? 'replace' : 'modify';
  }
}

const SYMBOL: Record<ChangeAction, string> = { add: '+', import: '+', modify: '~', dynamic: '~', replace: '±', remove: '-' };

/** The summary as text lines, one per resource, then a count line. */
export function describeChangeSet(summary: ChangeSetSummary): string[] {
  const lines = summary.changes.map((change) => {
    let note = '';
    if (change.action === 'replace') note = `  REPLACED${change.replacementCauses.length ? ` (${change.replacementCauses.join(', ')} changed)` : ''}`;
    else if (change.mayBeReplaced) note = `  may be REPLACED${change.replacementCauses.length ? ` (${change.replacementCauses.join(', ')})` : ''}`;
    else if (change.action === 'modify' && change.properties.length) note = `  (${change.properties.join(', ')})`;
    return `${SYMBOL[change.action]} ${change.action.padEnd(7)} ${change.logicalId}  ${change.resourceType}${note}`;
  });
  const { add, modify, replace, remove } = summary.counts;
  lines.push(`${add} to add, ${modify} to modify, ${replace} to replace, ${remove} to remove`);
  return lines;
}
