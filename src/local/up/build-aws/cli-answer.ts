// What slipway's stand-in for the AWS CLI prints for one command line, and its exit status, in
// the AWS CLI v2's words: usage errors exit 252, a command the stand-in does not answer 253 (the
// environment lacks the CLI), a service error 254 with `An error occurred (<code>) when calling
// the <Operation> operation: <message>` (AWS CLI User Guide, "Return codes").
import { SlipwayError } from '../../../errors.js';
import { parseCliCall } from './cli-call.js';
import { operationInput, STAND_IN_COMMANDS } from './cli-commands.js';
import { renderCliOutput } from './cli-output.js';
import { GET_LOGIN_WARNING, getLoginLines, getLoginOptions } from './get-login.js';

/** What the command prints and how it exits. */
export interface CliAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What the answer depends on besides the words. */
export interface CliSetting {
  /** The build's AWS_DEFAULT_REGION (or AWS_REGION), else the account's region. */
  region: string;
  /** The build's AWS_DEFAULT_OUTPUT, else json. */
  output: string;
  accountId: string;
  /** Calls one operation of the local AWS API. */
  call(service: string, operation: string, input: Record<string, unknown>, region: string): Promise<Record<string, unknown>>;
}

const USAGE = 'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n';
const ANSWERED = ['ecr get-login-password', 'ecr get-login', ...Object.keys(STAND_IN_COMMANDS).filter((name) => name !== 'ecr get-login-password')];

/** argparse's complaint; words it did not know are listed without its `aws: error:` prefix (awscli/clidriver.py). */
const usage = (problem: string): CliAnswer => ({ stdout: '', stderr: `${USAGE}${problem.startsWith('Unknown options:') ? '' : 'aws: error: '}${problem}\n`, exitCode: 252 });

async function called(operation: string, work: () => Promise<CliAnswer>): Promise<CliAnswer> {
  try {
    return await work();
  } catch (error) {
    const code = error instanceof SlipwayError ? error.code : 'InternalFailure';
    return { stdout: '', stderr: `\nAn error occurred (${code}) when calling the ${operation} operation: ${(error as Error).message}\n`, exitCode: 254 };
  }
}

/** Answers `aws <words>`. */
export async function answerCliCall(words: readonly string[], setting: CliSetting): Promise<CliAnswer> {
  const call = parseCliCall(words);
  if ('problem' in call) return usage(call.problem);
  if (call.version) return { stdout: 'aws-cli/slipway-stand-in (no AWS CLI in this build environment; slipway answers a few commands itself)\n', stderr: '', exitCode: 0 };
  if (call.service === undefined || call.operation === undefined) return usage(call.service === undefined ? 'the following arguments are required: command' : 'the following arguments are required: operation');
  const region = call.globals.get('region') ?? setting.region;
  const name = `${call.service} ${call.operation}`;
  if (name === 'ecr get-login') {
    const options = getLoginOptions(call.options);
    if ('problem' in options) return usage(options.problem);
    return called('GetAuthorizationToken', async () => {
      const token = await setting.call('ecr', 'GetAuthorizationToken', options.registryIds ? { registryIds: options.registryIds } : {}, region);
      return { stdout: getLoginLines(token, options.registryIds ?? [setting.accountId], region, options.includeEmail), stderr: `${GET_LOGIN_WARNING}\n`, exitCode: 0 };
    });
  }
  const spec = STAND_IN_COMMANDS[name];
  if (!spec) {
    return { stdout: '', stderr: `aws: this build environment has no AWS CLI, and slipway's stand-in for it answers only ${ANSWERED.join(', ')}; install the AWS CLI in the build image for ${name}\n`, exitCode: 253 };
  }
  const read = operationInput(spec, call.options);
  if ('problem' in read) return usage(read.problem);
  return called(spec.operation, async () => {
    const output = await setting.call(spec.service, spec.operation, read.input, region);
    if (spec.print) return { stdout: spec.print(output), stderr: '', exitCode: 0 };
    const rendered = renderCliOutput(output, call.globals.get('output') ?? setting.output, call.globals.get('query'));
    return 'problem' in rendered ? usage(rendered.problem) : { stdout: rendered.text, stderr: '', exitCode: 0 };
  });
}
