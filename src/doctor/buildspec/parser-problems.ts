// What slipway's own buildspec parser (the one `slipway build` runs) finds wrong: YAML syntax,
// types, versions, reserved variable names. The parser is the authority on whether a buildspec
// is valid; doctor only adds what to write instead.
import { readBuildspec } from '../../local/codebuild/buildspec-parser.js';
import type { Finding } from '../finding.js';

const REFERENCE = 'see https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html';

/** The parser's problems as findings. */
export function parserFindings(text: string, file: string): Finding[] {
  return readBuildspec(text, file).problems.map((problem) => ({
    check: 'buildspec.invalid',
    severity: problem.severity ?? 'error',
    file,
    line: problem.line,
    column: problem.column,
    path: problem.path || undefined,
    message: problem.message,
    fix: REFERENCE,
  }));
}
