// One error class for every expected failure, with a stable code, the problems found (each with
// its location), an optional hint naming the next command or flag, and the cause chain.
// Codes are PascalCase: slipway's own name a failure (`TemplateTooLarge`, `ConfigInvalid`), and
// where slipway answers as an AWS service does, the code is AWS's exception name as AWS spells it
// (`ValidationError`, `RepositoryNotFoundException`).

/** What kind of failure an error is; the CLI turns each kind into the contract's exit code. */
export type ErrorKind =
  | 'failed' // the pipeline, build or deploy ran and failed
  | 'invalid-input' // usage, config, template or buildspec problems
  | 'environment' // a required piece is missing: Docker engine, git, AWS credentials
  | 'internal'
  | 'interrupted';

/** Exit codes of the command-line contract (../shared/spec/product.md). */
export const EXIT_CODES: Record<ErrorKind | 'success', number> = {
  success: 0,
  failed: 1,
  'invalid-input': 2,
  environment: 3,
  internal: 70,
  interrupted: 130,
};

/** One thing wrong with an input, with where it is. */
export interface Problem {
  message: string;
  /** The file the problem is in, as the user named it. */
  file?: string;
  /** Dotted path inside the document, e.g. `source.provider` or `phases.build.commands[2]`. */
  path?: string;
  line?: number;
  column?: number;
  severity?: 'error' | 'warning';
}

export interface SlipwayErrorOptions {
  kind?: ErrorKind;
  hint?: string;
  cause?: unknown;
  problems?: Problem[];
}

/** An expected failure, described for a person: what happened, why, and what to do next. */
export class SlipwayError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly problems: Problem[];

  constructor(code: string, message: string, options: SlipwayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlipwayError';
    this.code = code;
    this.kind = options.kind ?? 'invalid-input';
    this.hint = options.hint;
    this.problems = options.problems ?? [];
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

/** Renders a problem as `file:line:column path: message`, leaving out what is unknown. */
export function formatProblem(problem: Problem): string {
  let where = problem.file ?? '';
  if (problem.line !== undefined) {
    where += `${where ? ':' : ''}${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  const path = problem.path ? `${problem.path}: ` : '';
  const prefix = where ? `${where} ` : '';
  const severity = problem.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${severity}${path}${problem.message}`;
}
