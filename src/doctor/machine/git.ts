// git: `slipway init` reads the remote and branch with it, builds read the commit id
// (CODEBUILD_RESOLVED_SOURCE_VERSION) with it, and the local pipeline's sources are Git
// repositories.
import type { Finding } from '../finding.js';
import { runProgram } from './program.js';

/** Whether `git` runs from PATH. */
export async function gitFinding(env: NodeJS.ProcessEnv): Promise<Finding> {
  const run = await runProgram('git', ['--version'], env);
  if (run.code === 0) return { check: 'machine.git', severity: 'info', message: run.stdout };
  return {
    check: 'machine.git',
    severity: 'error',
    message: run.missing ? 'git is not on PATH: init, builds and the local pipeline read repositories with it' : `git does not run: ${run.stderr || `exit status ${run.code}`}`,
    fix: 'install git (apt-get install -y git)',
  };
}
