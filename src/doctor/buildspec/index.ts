// Every check of a buildspec, in one list ordered by position. The findings of doctor's own
// checks come first where they and the parser's coincide (an unknown key is both), since they
// also say what to write instead.
import type { Finding } from '../finding.js';
import { artifactFindings } from './artifacts.js';
import { readBuildspecDocument } from './buildspec-document.js';
import type { BuildspecContext } from './context.js';
import { containerNameFindings } from './container-name.js';
import { dockerLoginPasswordFindings } from './docker-login-password.js';
import { ecrUriFindings } from './ecr-uris.js';
import { getLoginFindings } from './get-login.js';
import { parserFindings } from './parser-problems.js';
import { placeholderFindings } from './placeholders.js';
import { runtimeVersionFindings } from './runtime-versions.js';
import { unknownKeyFindings } from './unknown-keys.js';

export { contextFromConfig, DEFAULT_BUILDSPEC_CONTEXT, type BuildspecContext } from './context.js';

/** All findings for buildspec text; `file` names it as the user does. */
export function buildspecFindings(text: string, file: string, context: BuildspecContext): Finding[] {
  const document = readBuildspecDocument(text, file);
  const parsed = parserFindings(text, file);
  if (!document.valid) return parsed;
  const own = [
    ...unknownKeyFindings(document),
    ...runtimeVersionFindings(document, context),
    ...getLoginFindings(document),
    ...placeholderFindings(document),
    ...ecrUriFindings(document, context),
    ...dockerLoginPasswordFindings(document),
    ...containerNameFindings(document, context),
    ...artifactFindings(document, context),
  ];
  const taken = new Set(own.map((finding) => `${finding.line}:${finding.column}`));
  const findings = [...own, ...parsed.filter((finding) => !taken.has(`${finding.line}:${finding.column}`))];
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
