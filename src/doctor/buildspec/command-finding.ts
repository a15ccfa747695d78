// A finding about one token of one buildspec command, located at the token itself.
import type { Finding, Severity } from '../finding.js';
import { tokenPosition, type BuildspecDocument, type CommandSite } from './buildspec-document.js';

/** What a check says about a token; the location is filled in from the document. */
export interface TokenVerdict {
  check: string;
  severity: Severity;
  message: string;
  fix: string;
}

/** A finding at `token`, which starts at `index` of the command's value. */
export function commandFinding(document: BuildspecDocument, site: CommandSite, token: string, index: number, verdict: TokenVerdict): Finding {
  return { ...verdict, file: document.file, path: site.path, ...tokenPosition(document, site, token, index) };
}
