// `docker login -p <password>`: the password lands in the process list and in the build log,
// and Docker itself warns "Using --password via the CLI is insecure. Use --password-stdin."
// (docker login reference). The password belongs on standard input.
import type { Finding } from '../finding.js';
import type { BuildspecDocument } from './buildspec-document.js';
import { commandFinding } from './command-finding.js';
import { PASSWORD_STDIN_LOGIN } from './get-login.js';

const DOCKER_LOGIN = /\bdocker\s+login\b/g;

/** Findings for every `docker login` given its password as an argument. */
export function dockerLoginPasswordFindings(document: BuildspecDocument): Finding[] {
  return document.commands.flatMap((site) =>
    [...site.value.matchAll(DOCKER_LOGIN)]
      .filter((match) => passesPassword(site.value.slice(match.index + match[0].length)))
      .map((match) =>
        commandFinding(document, site, 'docker', match.index, {
          check: 'buildspec.docker-login-password',
          severity: 'warning',
          message: '`docker login` takes the password on the command line, where the process list and the build log show it',
          fix: `pipe it in with --password-stdin, e.g. ${PASSWORD_STDIN_LOGIN}`,
        }),
      ),
  );
}

/** True when the login's own words (up to a pipe or command separator) include -p or --password. */
function passesPassword(rest: string): boolean {
  const words = rest.split(/[|;&]/)[0]!.trim().split(/\s+/);
  return words.some((word) => /^-p/.test(word) || /^--password(?:=|$)/.test(word));
}
