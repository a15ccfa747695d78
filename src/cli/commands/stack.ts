// `slipway stack create|update|delete|describe`: the flags. The bodies (src/cli/run/stack.ts)
// load the local engine only when a verb runs, so that every other command starts fast.
import type { Command } from 'commander';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/aws-location.js';
import { DEFAULT_REGISTRY_ENDPOINT, DEFAULT_WEBHOOK_ENDPOINT } from '../../local/stack/settings.js';
import type { CliContext } from '../context.js';
import { collect } from '../flags.js';
import type { Runner } from '../program.js';
import type { StackOptions, StackVerb } from '../run/stack.js';

const VERBS: [StackVerb, string][] = [
  ['create', 'create a stack of local resources from a CloudFormation template'],
  ['update', 'update a stack: changed resources are updated in place or replaced, removed ones deleted'],
  ['delete', 'delete a stack and its local resources'],
  ['describe', 'show a stack (or every stack): parameters, resources with physical ids, outputs'],
];

/** Registers `slipway stack` and its verbs. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  const stack = program.command('stack').description('create, update, delete and describe local CloudFormation stacks');
  for (const [verb, description] of VERBS) {
    stack
      .command(verb)
      .description(description)
      .option('--template <file>', 'the template (YAML or JSON); update defaults to the current one')
      .option('--stack-name <name>', 'the stack name (default: the template file name without extension)')
      .option('--parameter <key=value>', 'a parameter value (repeatable); update keeps previous values of the others', collect, [])
      .option('--json', 'print the result as one JSON document')
      .option('--account-id <id>', 'the local account id', DEFAULT_ACCOUNT_ID)
      .option('--region <region>', 'the local region', DEFAULT_REGION)
      .option('--registry-endpoint <host:port>', `where RepositoryUri points (default: where this home's \`slipway registry\` last listened, else ${DEFAULT_REGISTRY_ENDPOINT})`)
      .option('--webhook-endpoint <url>', 'base of webhook URLs', DEFAULT_WEBHOOK_ENDPOINT)
      .action(run<StackOptions>(async (options) => (await import('../run/stack.js')).runStackVerb(ctx, verb, options)));
  }
}
