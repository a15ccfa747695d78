// An `aws` command line as the AWS CLI reads it: global options anywhere (`--region`, `--output`,
// `--query`, ...), then the service and operation, then the operation's options, each `--name value`,
// `--name=value`, a flag, or a name with several values (`--names a b`). slipway's stand-in for
// the CLI (assets/build-path/aws) sends the words here when a build has no AWS CLI of its own
// (AWS CLI User Guide, "Command line options" and "Command structure").

/** Global options that take a value. */
const GLOBAL_VALUES = new Set(['region', 'output', 'query', 'profile', 'endpoint-url', 'color', 'ca-bundle', 'cli-read-timeout', 'cli-connect-timeout', 'cli-binary-format']);
/** Global flags. */
const GLOBAL_FLAGS = new Set(['debug', 'no-verify-ssl', 'no-paginate', 'no-sign-request', 'no-cli-pager', 'cli-auto-prompt', 'no-cli-auto-prompt', 'version']);

/** One command line, read. */
export interface CliCall {
  /** `ecr`, `sts`, ...; undefined for `aws` alone or `aws --version`. */
  service?: string;
  operation?: string;
  /** The operation's options, by name without the dashes; a flag has no values. */
  options: Map<string, string[]>;
  globals: Map<string, string>;
  version: boolean;
}

/** Reads the words after `aws`; a global option missing its value is a problem. */
export function parseCliCall(words: readonly string[]): CliCall | { problem: string } {
  const call: CliCall = { options: new Map(), globals: new Map(), version: false };
  let current: string[] | undefined;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (!word.startsWith('--') || word === '--') {
      if (current) current.push(word);
      else if (call.service === undefined) call.service = word;
      else if (call.operation === undefined) call.operation = word;
      else return { problem: `Unknown options: ${word}` };
      continue;
    }
    const equals = word.indexOf('=');
    const name = word.slice(2, equals < 0 ? undefined : equals);
    const inline = equals < 0 ? undefined : word.slice(equals + 1);
    current = undefined;
    if (GLOBAL_VALUES.has(name)) {
      const value = inline ?? words[i + 1];
      if (value === undefined) return { problem: `argument --${name}: expected one argument` };
      if (inline === undefined) i += 1;
      call.globals.set(name, value);
    } else if (GLOBAL_FLAGS.has(name)) {
      if (name === 'version') call.version = true;
    } else {
      current = inline === undefined ? [] : [inline];
      call.options.set(name, current);
    }
  }
  return call;
}
