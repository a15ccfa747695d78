// The commands slipway's stand-in for the AWS CLI answers itself when a build has no AWS CLI: the
// calls buildspecs make most (issue 11), each with the options the AWS CLI gives it (AWS CLI
// Command Reference for each command) and the AWS operation it calls on the local endpoint.

/** How one CLI option becomes a member of the operation's input. */
interface OptionSpec {
  member: string;
  kind: 'string' | 'strings' | 'boolean';
  required?: boolean;
}

/** One command the stand-in answers. */
export interface CommandSpec {
  service: string;
  operation: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Prints the answer itself instead of the CLI's --output formats (get-login-password prints the bare password). */
  print?: (output: Record<string, unknown>) => string;
}

/** The password in GetAuthorizationToken's first token (base64 of `AWS:<password>`). */
export function passwordOf(output: Record<string, unknown>): string {
  const data = (output.authorizationData as { authorizationToken?: string }[] | undefined)?.[0];
  const decoded = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

/** `<service> <operation>` → what it calls. `ecr get-login` is answered apart (get-login.ts). */
export const STAND_IN_COMMANDS: Readonly<Record<string, CommandSpec>> = {
  'ecr get-login-password': { service: 'ecr', operation: 'GetAuthorizationToken', options: {}, print: (output) => `${passwordOf(output)}\n` },
  'sts get-caller-identity': { service: 'sts', operation: 'GetCallerIdentity', options: {} },
  'ssm get-parameter': {
    service: 'ssm',
    operation: 'GetParameter',
    options: { name: { member: 'Name', kind: 'string', required: true }, 'with-decryption': { member: 'WithDecryption', kind: 'boolean' } },
  },
  'ssm get-parameters': {
    service: 'ssm',
    operation: 'GetParameters',
    options: { names: { member: 'Names', kind: 'strings', required: true }, 'with-decryption': { member: 'WithDecryption', kind: 'boolean' } },
  },
  'secretsmanager get-secret-value': {
    service: 'secretsmanager',
    operation: 'GetSecretValue',
    options: {
      'secret-id': { member: 'SecretId', kind: 'string', required: true },
      'version-id': { member: 'VersionId', kind: 'string' },
      'version-stage': { member: 'VersionStage', kind: 'string' },
    },
  },
};

/**
 * The operation's input from the command's options, or the CLI's complaint (exit 252), in
 * argparse's order: a missing value at once, then missing required options, then every word it
 * did not know (`Unknown options: --colour, red`).
 */
export function operationInput(spec: CommandSpec, options: Map<string, string[]>): { input: Record<string, unknown> } | { problem: string } {
  const input: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [name, values] of options) {
    const negated = name.startsWith('no-') ? spec.options[name.slice(3)] : undefined;
    const option = negated?.kind === 'boolean' ? negated : spec.options[name];
    if (!option) {
      unknown.push(`--${name}`, ...values);
    } else if (option.kind === 'boolean') {
      input[option.member] = negated === undefined;
      unknown.push(...values);
    } else if (values.length === 0) {
      return { problem: `argument --${name}: expected ${option.kind === 'strings' ? 'at least one argument' : 'one argument'}` };
    } else {
      input[option.member] = option.kind === 'strings' ? values : values[0];
      if (option.kind === 'string') unknown.push(...values.slice(1));
    }
  }
  const missing = Object.entries(spec.options).filter(([, option]) => option.required && input[option.member] === undefined).map(([name]) => `--${name}`);
  if (missing.length > 0) return { problem: `the following arguments are required: ${missing.join(', ')}` };
  return unknown.length > 0 ? { problem: `Unknown options: ${unknown.join(', ')}` } : { input };
}
