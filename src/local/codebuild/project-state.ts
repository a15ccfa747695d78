// Where one project's local CodeBuild files live (artifacts and cache), inside the home.
import { join } from 'node:path';

/** The folder holding one project's local CodeBuild files (artifacts and cache). */
export function projectStateDir(stateDir: string, projectName: string): string {
  return join(stateDir, 'codebuild', encodeURIComponent(projectName));
}
