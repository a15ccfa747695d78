// The local engine's SQLite state database, and the small parts every service uses with it.
export { openStateDatabase, applyMigrations, stateDatabasePath } from './database.js';
export type { StateDatabase, Migration } from './database.js';
export { RecordTable, recordTableSql } from './record-table.js';
export { currentOwner, ownerIsAlive } from './process-owner.js';
export type { ProcessOwner } from './process-owner.js';
export { faultPoints } from './faults.js';
export type { FaultPoint } from './faults.js';
