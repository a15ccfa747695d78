// The secrets of slipway's own delivery endpoints, made once per home and kept in it: the one
// GitHub deliveries for connection sources are signed with (a CodeStar connection has no secret a
// template could name; on AWS the GitHub App signs its deliveries to CodeConnections), and the one
// `slipway hook` signs its calls to the running `up` with.
import { randomBytes } from 'node:crypto';
import type { Migration, StateDatabase } from '../state/index.js';

/** The secrets table. */
export const TRIGGER_SECRET_MIGRATIONS: Migration[] = [
  { id: 'pipeline-0102-trigger-secrets', sql: 'CREATE TABLE codepipeline_trigger_secrets (name TEXT PRIMARY KEY, secret TEXT NOT NULL)' },
];

/** Which endpoint a secret is for. */
export type TriggerSecretName = 'connections' | 'hook';

/** The secret of an endpoint, made the first time it is asked for (by whichever process asks first). */
export function triggerSecret(db: StateDatabase, name: TriggerSecretName): string {
  db.prepare('INSERT OR IGNORE INTO codepipeline_trigger_secrets (name, secret) VALUES (?, ?)').run(name, randomBytes(32).toString('hex'));
  return (db.prepare('SELECT secret FROM codepipeline_trigger_secrets WHERE name = ?').get(name) as { secret: string }).secret;
}
