// The account's EventBridge rules (PutRule with PutTargets, DeleteRule, ListRules): what starts a
// pipeline from an event, such as a push to a CodeCommit repository or an image pushed to ECR.
import { SlipwayError } from '../../errors.js';
import { RecordTable, type StateDatabase } from '../state/index.js';
import type { EventRuleDeclaration } from './model.js';

/** Rules of one account, by `<bus>/<name>` (rule names are unique per event bus). */
export class EventRules {
  private readonly table: RecordTable<EventRuleDeclaration>;

  constructor(db: StateDatabase) {
    this.table = new RecordTable(db, 'events_rules');
  }

  /** PutRule for a new rule; a name taken on the same bus fails with ResourceAlreadyExistsException. */
  create(rule: EventRuleDeclaration): void {
    if (!this.table.insert(keyOf(rule.eventBusName, rule.name), rule)) {
      throw new SlipwayError('ResourceAlreadyExistsException', `Rule ${rule.name} already exists on event bus ${rule.eventBusName}`, { kind: 'failed' });
    }
  }

  /** PutRule and PutTargets on an existing rule. */
  update(rule: EventRuleDeclaration): void {
    this.table.put(keyOf(rule.eventBusName, rule.name), rule);
  }

  delete(eventBusName: string, name: string): void {
    this.table.delete(keyOf(eventBusName, name));
  }

  get(eventBusName: string, name: string): EventRuleDeclaration | undefined {
    return this.table.get(keyOf(eventBusName, name));
  }

  list(): EventRuleDeclaration[] {
    return this.table.list();
  }
}

function keyOf(eventBusName: string, name: string): string {
  return `${eventBusName}/${name}`;
}
