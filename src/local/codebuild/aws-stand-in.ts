// slipway's stand-in for the AWS CLI (the POSIX sh script assets/build-path/aws, shipped in the
// package): `aws` first on the PATH of every build that reaches the local account. It hands the
// account's endpoint to a real CLI further down PATH and, with none, asks `slipway up` (see the
// script's header and docs/local-codebuild.md, "What builds get from the local account"). It
// sits in a folder of its own, next to the build commands, mounted read-only into build
// containers at the same path.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installScript } from './installed-script.js';

/** The script in the package: `<package>/assets/build-path/aws` (from src/local/codebuild or dist/local/codebuild). */
const SCRIPT = new URL('../../../assets/build-path/aws', import.meta.url);

/**
 * Writes the stand-in into `<stateDir>/codebuild/aws-bin` (rewritten only when this version of
 * slipway carries another text) and returns that folder, to put on PATH after the build commands.
 */
export async function installAwsStandIn(stateDir: string): Promise<string> {
  return installScript(join(stateDir, 'codebuild', 'aws-bin'), 'aws', await readFile(SCRIPT, 'utf8'));
}
