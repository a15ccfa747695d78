// CodeBuild projects for handler tests, made on the account's CodeBuild as CreateProject (or a
// stack's AWS::CodeBuild::Project) would make them.
import type { LocalAccount } from '../../../../src/local/account/index.js';
import type { CodeBuildProject, ProjectInput } from '../../../../src/local/codebuild/index.js';

/** A project whose builds run `buildspec` (inline) with no source; `changes` adjust the rest. */
export function createProject(account: LocalAccount, name: string, buildspec: string, changes: Partial<ProjectInput> = {}): CodeBuildProject {
  return account.codebuild.projects.create({
    name,
    source: { type: 'NO_SOURCE', buildspec },
    secondarySources: [],
    artifacts: { type: 'NO_ARTIFACTS' },
    secondaryArtifacts: [],
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', privilegedMode: false, environmentVariables: [{ name: 'FROM_PROJECT', value: 'project', type: 'PLAINTEXT' }] },
    serviceRole: 'arn:aws:iam::000000000000:role/build',
    ...changes,
  });
}

/** An inline buildspec running these shell commands in its build phase. */
export function buildspecRunning(...commands: string[]): string {
  return `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((command) => `      - ${JSON.stringify(command)}`).join('\n')}\n`;
}
