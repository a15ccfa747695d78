// `slipway stack create|update|delete|describe`: the flags, each verb with only its own. The
// bodies (src/cli/run/stack.ts) load the local engine only when a verb runs, so that every other
// command starts fast.
import type { Command } from 'commander';
import { CONFIG_FILE } from '../../config/file-name.js';
import type { CliContext } from '../context.js';
import { collect } from '../flags.js';
import type { Runner } from '../runner.js';
import type { StackOptions, StackVerb } from '../run/stack.js';

const NAME_HELP = `the stack name (default: <name>-<env> from ${CONFIG_FILE} when there is one and no --template, else the template file's name)`;

/** Registers `slipway stack` and its verbs. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  const stack = program.command('stack').description('create, update, delete and describe stacks of the local account (the local CloudFormation engine)');
  const verb = (name: StackVerb, description: string) =>
    stack.command(name).description(description).action(run<StackOptions>(async (options) => (await import('../run/stack.js')).runStackVerb(ctx, name, options)));
  const templateFlags = (command: Command, templateHelp: string) =>
    command
      .option('--template <file>', templateHelp)
      .option('--stack-name <name>', NAME_HELP)
      .option('--parameter <key=value>', 'a parameter value (repeatable); update keeps previous values of the others', collect, [])
      .option('--resource-attribute <Logical.Attribute=value>', 'a value for an attribute (or, without .Attribute, the Ref) of a resource slipway does not emulate, such as a custom resource; repeatable; update keeps the stack\'s earlier ones when none is given', collect, [])
      .option('--resource-attributes <file>', 'the same values from a JSON or YAML file: {"Logical.Attribute": "value"}')
      .option('--change-set', 'preview the changes as a change set, ask, then execute it (as slipway deploy does on AWS)')
      .option('--yes', 'with --change-set: execute without asking (required without a terminal)')
      .option('--json', 'print the result as one JSON document');
  templateFlags(verb('create', 'create a stack of local resources from a CloudFormation template'), `the template (YAML or JSON); default: synthesized from ${CONFIG_FILE}`);
  templateFlags(verb('update', 'update a stack: changed resources are updated in place or replaced, removed ones deleted'), `the new template; default: synthesized from ${CONFIG_FILE} when there is one, else the current template`);
  verb('delete', 'delete a stack and its local resources')
    .option('--stack-name <name>', `the stack name (default: <name>-<env> from ${CONFIG_FILE})`)
    .option('--json', 'print the result as one JSON document');
  verb('describe', 'show a stack (or every stack): status, parameters, resources with physical ids, outputs')
    .option('--stack-name <name>', 'the stack (default: every stack)')
    .option('--json', 'print the result as one JSON document');
}
