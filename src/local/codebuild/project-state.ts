// Build numbers per project (CODEBUILD_BUILD_NUMBER counts from 1). State that must survive a
// restart lives in the shared SQLite database `<home>/slipway.db`; one UPSERT statement takes
// the next number, so concurrent builds of a project (in one process or several) never share one.
import { join } from 'node:path';
import { openStateDatabase, stateDatabasePath, type Migration } from '../state/index.js';

/** The local CodeBuild tables; ids are unique across the project, hence the prefix. */
export const CODEBUILD_MIGRATIONS: readonly Migration[] = [
  {
    id: 'codebuild-0001-build-numbers',
    sql: 'CREATE TABLE IF NOT EXISTS codebuild_build_numbers (project_name TEXT PRIMARY KEY, last_build_number INTEGER NOT NULL)',
  },
];

/** The folder holding one project's local CodeBuild files (artifacts and cache). */
export function projectStateDir(stateDir: string, projectName: string): string {
  return join(stateDir, 'codebuild', encodeURIComponent(projectName));
}


/** Takes the next build number of a project, atomically, and records it. */
export function nextBuildNumber(stateDir: string, projectName: string): number {
  const db = openStateDatabase(stateDatabasePath(stateDir), CODEBUILD_MIGRATIONS);
  try {
    const row = db
      .prepare(
        `INSERT INTO codebuild_build_numbers (project_name, last_build_number) VALUES (?, 1)
         ON CONFLICT (project_name) DO UPDATE SET last_build_number = last_build_number + 1
         RETURNING last_build_number`,
      )
      .get(projectName) as { last_build_number: number };
    return row.last_build_number;
  } finally {
    db.close();
  }
}
