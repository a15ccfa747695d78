// `aws ecr get-login`: AWS CLI v1 printed a whole `docker login -u AWS -p <password> <endpoint>`
// command for the shell to run; AWS CLI v2 removed it in favour of `get-login-password`, whose
// output goes to `docker login --password-stdin` (AWS CLI v2 migration guide). Every current
// CodeBuild image (aws/codebuild/standard:5.0 and later) ships CLI v2, so the recipe's
// `$(aws ecr get-login ...)` fails the build at its first command.
import type { Finding } from '../finding.js';
import type { BuildspecDocument } from './buildspec-document.js';
import { commandFinding } from './command-finding.js';

const GET_LOGIN = /\baws\s+ecr\s+get-login(?![-\w])/g;

// The whole command is the old login, run by `$(...)`, backquotes, `eval`, or a pipe into a shell.
const WHOLE_COMMAND = [
  /^\s*(?:eval\s+)?"?\$\(\s*aws\s+ecr\s+get-login(?![-\w])(?<args>[^)`|;&]*)\)"?\s*$/,
  /^\s*(?:eval\s+)?"?`\s*aws\s+ecr\s+get-login(?![-\w])(?<args>[^)`|;&]*)`"?\s*$/,
  /^\s*aws\s+ecr\s+get-login(?![-\w])(?<args>[^)`|;&]*)\|\s*(?:ba)?sh\s*$/,
];

/** The registry the template's repository lives in: REPOSITORY_URI up to its first `/`. */
export const TEMPLATE_REGISTRY = '"${REPOSITORY_URI%%/*}"';

/** The login every current AWS CLI understands, for the template's registry. */
export const PASSWORD_STDIN_LOGIN = `aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin ${TEMPLATE_REGISTRY}`;

/** Findings for every `aws ecr get-login` in the buildspec's commands. */
export function getLoginFindings(document: BuildspecDocument): Finding[] {
  return document.commands.flatMap((site) =>
    [...site.value.matchAll(GET_LOGIN)].map((match) =>
      commandFinding(document, site, 'aws', match.index, {
        check: 'buildspec.get-login',
        severity: 'error',
        message: '`aws ecr get-login` was removed in AWS CLI v2, which every current CodeBuild image ships: the build fails at this command',
        fix: rewriteGetLogin(site.value) ?? PASSWORD_STDIN_LOGIN,
      }),
    ),
  );
}

/**
 * The command rewritten to `get-login-password | docker login --password-stdin`, keeping its region
 * and profile; undefined when it is not a plain old-style login.
 */
export function rewriteGetLogin(command: string): string | undefined {
  const args = WHOLE_COMMAND.map((pattern) => pattern.exec(command)?.groups?.args).find((found) => found !== undefined);
  if (args === undefined) return undefined;
  const options = loginOptions(args.trim().split(/\s+/).filter(Boolean));
  if (!options) return undefined;
  const region = options.region ? ` --region ${options.region}` : '';
  const profile = options.profile ? ` --profile ${options.profile}` : '';
  const registry = options.registryId ? `${options.registryId}.dkr.ecr.${options.region ?? '$AWS_DEFAULT_REGION'}.amazonaws.com` : TEMPLATE_REGISTRY;
  return `aws ecr get-login-password${region}${profile} | docker login --username AWS --password-stdin ${registry}`;
}

interface LoginOptions {
  region?: string;
  profile?: string;
  registryId?: string;
}

/** The options of `get-login` the new command keeps; undefined for anything else (no automatic fix then). */
function loginOptions(words: string[]): LoginOptions | undefined {
  const options: LoginOptions = {};
  for (let at = 0; at < words.length; at += 1) {
    const [flag, inline] = words[at]!.split(/=(.*)/s) as [string, string | undefined];
    if (flag === '--no-include-email' || flag === '--include-email') continue;
    const value = inline ?? words[++at];
    if (value === undefined) return undefined;
    if (flag === '--region') options.region = value;
    else if (flag === '--profile') options.profile = value;
    // Several registries would need several logins: left to the user.
    else if (flag === '--registry-ids' && /^\d{12}$/.test(value) && words[at + 1]?.startsWith('--') !== false) options.registryId = value;
    else return undefined;
  }
  return options;
}
