// The delivery ids (X-GitHub-Delivery) the webhook endpoints accepted, kept in the home so that a
// replayed delivery is refused even after a restart. A delivery whose handling failed is forgotten
// again, so GitHub's "Redeliver" of it is taken. The newest KEPT ids are remembered.
import type { Migration, StateDatabase } from '../state/index.js';

/** The deliveries table. */
export const DELIVERY_MIGRATIONS: Migration[] = [
  {
    id: 'pipeline-0103-webhook-deliveries',
    sql: 'CREATE TABLE codepipeline_webhook_deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, endpoint TEXT NOT NULL, received TEXT NOT NULL)',
  },
];

/** How many delivery ids are remembered: far more than GitHub keeps for redelivery (3 days) at any local rate. */
const KEPT = 100_000;

/** Delivery ids of one account. */
export class WebhookDeliveries {
  constructor(private readonly db: StateDatabase) {}

  /** Records a delivery id; false when it was already recorded (a replay). */
  remember(id: string, endpoint: string): boolean {
    return this.db.transaction(() => {
      const { changes, lastInsertRowid } = this.db.prepare('INSERT OR IGNORE INTO codepipeline_webhook_deliveries (id, endpoint, received) VALUES (?, ?, ?)').run(id, endpoint, new Date().toISOString());
      if (changes === 1) this.db.prepare('DELETE FROM codepipeline_webhook_deliveries WHERE seq <= ?').run(Number(lastInsertRowid) - KEPT);
      return changes === 1;
    }).immediate();
  }

  /** Forgets a delivery whose handling failed. */
  forget(id: string): void {
    this.db.prepare('DELETE FROM codepipeline_webhook_deliveries WHERE id = ?').run(id);
  }
}
