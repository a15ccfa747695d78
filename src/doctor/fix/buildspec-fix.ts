// `slipway doctor --fix` for a buildspec: the old ECR login becomes `get-login-password |
// docker login --password-stdin`, placeholders become the variables the template passes, and a
// docker runtime the image does not have is removed. Nothing else changes: the user's other
// commands, comments and layout stay byte for byte.
import { readBuildspec } from '../../local/codebuild/buildspec-parser.js';
import { readBuildspecDocument } from '../buildspec/buildspec-document.js';
import type { BuildspecContext } from '../buildspec/context.js';
import { rewriteGetLogin } from '../buildspec/get-login.js';
import { rewritePlaceholders } from '../buildspec/placeholders.js';
import { dockerRuntimeRemovals } from './runtime-removal.js';
import { scalarEdit } from './scalar-edit.js';
import { applyEdits, type SourceEdit } from './source-edit.js';

/** A buildspec before and after the fix. */
export interface BuildspecFix {
  file: string;
  before: string;
  after: string;
}

// Applied in this order to every command: a login line may also hold a placeholder.
const REWRITES: ((command: string) => string | undefined)[] = [rewriteGetLogin, rewritePlaceholders];

/** The fixed buildspec, or undefined when there is nothing doctor can fix in it. */
export function planBuildspecFix(text: string, file: string, context: BuildspecContext): BuildspecFix | undefined {
  const document = readBuildspecDocument(text, file);
  if (!document.valid) return undefined;
  const edits: SourceEdit[] = [];
  for (const site of document.commands) {
    const value = REWRITES.reduce((command, rewrite) => rewrite(command) ?? command, site.value);
    const edit = value === site.value ? undefined : scalarEdit(document, site, value);
    if (edit) edits.push(edit);
  }
  edits.push(...dockerRuntimeRemovals(document, context));
  if (edits.length === 0) return undefined;
  const after = applyEdits(text, edits);
  // The fix must never make the buildspec worse for the parser `slipway build` uses.
  if (errorCount(after, file) > errorCount(text, file)) {
    throw new Error(`doctor's fix of ${file} would make it invalid:\n${after}`);
  }
  return { file, before: text, after };
}

function errorCount(text: string, file: string): number {
  return readBuildspec(text, file).problems.filter((problem) => problem.severity !== 'warning').length;
}
