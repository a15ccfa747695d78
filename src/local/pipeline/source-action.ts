// The Git source actions: GitHub version 1 (ThirdParty/GitHub), CodeStarSourceConnection and
// CodeCommit. Each takes the commit its branch points at (or the commit the execution was started
// for), stores the tree at that commit as the output artifact (CODE_ZIP: no .git), or a reference
// CodeBuild clones from (CODEBUILD_CLONE_REF), and sets the provider's output variables
// (aws-semantics §2, "Source actions and their output variables").
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ZipFile } from 'yazl';
import { SlipwayError } from '../../errors.js';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';
import { storeArtifact } from './artifact-files.js';
import { archiveCommit, branchHead, commitInfo, readableCopy, type CommitInfo } from './git-repository.js';

/** The file a CODEBUILD_CLONE_REF artifact holds: what the CodeBuild action clones. */
export const CLONE_REF_FILE = 'slipway-clone-ref.json';

/** The output variables each source provider sets. */
function variablesOf(run: ActionRun, name: string, branch: string, info: CommitInfo): Record<string, string> {
  const base = { AuthorDate: info.authorDate, BranchName: branch, CommitId: info.commitId, CommitMessage: info.commitMessage };
  const config = run.configuration;
  switch (run.action.actionTypeId.provider) {
    case 'GitHub':
      return { ...base, CommitterDate: info.committerDate, CommitUrl: `https://github.com/${name}/commit/${info.commitId}`, RepositoryName: String(config.Repo) };
    case 'CodeCommit':
      return { ...base, CommitterDate: info.committerDate, RepositoryName: name };
    default:
      return { ...base, ConnectionArn: String(config.ConnectionArn), FullRepositoryName: name };
  }
}

/** Writes a zip holding one JSON file (a CODEBUILD_CLONE_REF artifact). */
async function cloneRefZip(zipPath: string, ref: { repository: string; commit: string; branch: string }): Promise<void> {
  await mkdir(dirname(zipPath), { recursive: true });
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(ref)), CLONE_REF_FILE);
  zip.end();
  await new Promise<void>((done, fail) => zip.outputStream.pipe(createWriteStream(zipPath)).on('close', done).on('error', fail));
}

/** Runs a Git source action. */
export async function runGitSource(run: ActionRun): Promise<ActionOutcome> {
  const config = run.configuration;
  if (run.action.actionTypeId.provider === 'CodeStarSourceConnection' && !run.services.connections.get(String(config.ConnectionArn))) {
    return failed('ConfigurationError', `The connection ${String(config.ConnectionArn)} does not exist in this account`);
  }
  try {
    const repository = run.services.sources.locate(run.action);
    const folder = await readableCopy(repository.location, run.services.sources.mirrorOf(repository.name), run.signal);
    const branch = String(config.Branch ?? config.BranchName);
    const commit = run.revision ?? (await branchHead(folder, branch, run.signal));
    if (!commit) return failed('ConfigurationError', `The branch ${branch} does not exist in ${repository.name} (${repository.location})`);
    const info = await commitInfo(folder, commit, run.signal);
    run.say(`${repository.name}@${branch}: commit ${info.commitId.slice(0, 7)} ${info.commitMessage.split('\n')[0] ?? ''}`);
    const zipPath = join(run.workDir, 'source.zip');
    if (config.OutputArtifactFormat === 'CODEBUILD_CLONE_REF') await cloneRefZip(zipPath, { repository: folder, commit: info.commitId, branch });
    else await archiveCommit(folder, info.commitId, zipPath, run.signal);
    const artifact = await storeArtifact(run.services.buckets, run.bucket, run.pipeline.name, run.action.outputArtifacts[0] ?? 'SourceArtifact', zipPath);
    return {
      status: 'Succeeded',
      outputArtifacts: [{ ...artifact, revision: info.commitId }],
      outputVariables: variablesOf(run, repository.name, branch, info),
      executionResult: { externalExecutionId: info.commitId, externalExecutionSummary: info.commitMessage.split('\n')[0] },
      sourceRevision: { actionName: run.action.name, revisionId: info.commitId, revisionSummary: info.commitMessage },
    };
  } catch (error) {
    if (error instanceof SlipwayError) return failed(error.code, error.hint ? `${error.message} (${error.hint})` : error.message);
    throw error;
  }
}

