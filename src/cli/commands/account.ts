// `slipway account` and `slipway account set`: the local account's settings (account id, region,
// local access key id, where RepositoryUri points, builds kept per project), held in the home so
// that no other command needs flags for them.
import type { Command } from 'commander';
import { EXIT_CODES } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import { DEFAULT_ACCOUNT_PORT, LOCAL_HOST } from '../../local/account/addresses.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { printData, printJson, say } from '../output.js';
import type { Runner } from '../runner.js';

interface AccountOptions extends GlobalOptions {
  json?: boolean;
}

/** What `slipway account` shows; the secret key is never printed here. */
function view(account: LocalAccount) {
  const { accountId, region, accessKeyId, buildsKept, registryEndpoint } = account.settings;
  return {
    home: account.layout.home, accountId, region, accessKeyId, registryEndpoint: account.registryEndpoint(),
    registryEndpointSet: registryEndpoint !== undefined, buildsKept,
  };
}

function show(ctx: CliContext, account: LocalAccount, json: boolean): number {
  const shown = view(account);
  if (json) {
    const { registryEndpointSet: _set, ...rest } = shown;
    printJson(ctx, rest);
    return EXIT_CODES.success;
  }
  printData(ctx, [
    `home:               ${shown.home}`,
    `account id:         ${shown.accountId}`,
    `region:             ${shown.region}`,
    `access key id:      ${shown.accessKeyId} (its secret is in ${account.layout.database}, readable by you only)`,
    `registry endpoint:  ${shown.registryEndpoint}${shown.registryEndpointSet ? '' : " (where this home's registry last listened; set it with registryEndpoint=HOST:PORT)"}`,
    `builds kept:        ${shown.buildsKept} per project`,
  ].join('\n'));
  return EXIT_CODES.success;
}

/** Registers `slipway account`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  const account = program
    .command('account')
    .description("show the local account's settings (account id, region, access key id, registry endpoint, builds kept)")
    .option('--json', 'print the settings as one JSON document')
    .action(run<AccountOptions>((options) => withAccount(ctx, options, (opened) => Promise.resolve(show(ctx, opened, options.json === true)))));
  account
    .command('set <setting=value...>')
    .description('change settings: accountId, region (only while there are no stacks), registryEndpoint, buildsKept')
    .option('--json', 'print the settings as one JSON document')
    .action(
      run<AccountOptions>((options, command) =>
        withAccount(ctx, options, (opened) => {
          opened.changeSettings(keyValuePairs(command.args, 'slipway account set'));
          say(ctx, 'account settings changed');
          return Promise.resolve(show(ctx, opened, options.json === true));
        }),
      ),
    );
  account
    .command('env')
    .description('print shell exports that point the AWS CLI and SDKs at the local account (includes the secret key): eval "$(slipway account env)"')
    .option('--json', 'print the variables as one JSON document')
    .action(run<AccountOptions>((options) => withAccount(ctx, options, (opened) => Promise.resolve(printEnv(ctx, opened, options.json === true)))));
  account
    .command('rotate-key')
    .description('replace the local access key; the old one stops working at once, also in a running slipway up')
    .action(
      run<AccountOptions>((options) =>
        withAccount(ctx, options, (opened) => {
          const { accessKeyId } = opened.rotateAccessKey();
          say(ctx, `the local access key is now ${accessKeyId}; the old one no longer works (slipway account env prints the new one)`);
          return Promise.resolve(EXIT_CODES.success);
        }),
      ),
    );
}

/** The variables the AWS CLI and SDKs read; the endpoint is the running `up`'s, else where it would listen. */
function printEnv(ctx: CliContext, account: LocalAccount, json: boolean): number {
  const { accessKeyId, secretAccessKey, region } = account.settings;
  const endpoint = account.runningUp()?.endpoint ?? `http://${LOCAL_HOST}:${DEFAULT_ACCOUNT_PORT}`;
  const variables = {
    AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_REGION: region, AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL: endpoint,
  };
  if (json) printJson(ctx, variables);
  else printData(ctx, Object.entries(variables).map(([name, value]) => `export ${name}='${value}'`).join('\n'));
  if (!account.runningUp()) say(ctx, `note: no slipway up runs on this home now; AWS_ENDPOINT_URL is where it listens by default`);
  return EXIT_CODES.success;
}
