// The local engine's SQLite state database.
export { openStateDatabase, applyMigrations, stateDatabasePath } from './database.js';
export type { StateDatabase, Migration } from './database.js';
