// `slipway registry`: runs the ECR-compatible registry on its own, on 127.0.0.1, until Ctrl-C.
import { join } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '../../errors.js';
import { openRegistry, recordRegistryEndpoint, writePasswordFile } from '../../local/registry/index.js';
import type { LocalRegistry, RegistryEvent } from '../../local/registry/index.js';
import { homeOf, type CliContext, type GlobalOptions } from '../context.js';
import { printData, printJson, say } from '../output.js';
import { formatRegistryEvent } from '../render/events.js';
import type { Runner } from '../runner.js';

interface RegistryCommandOptions extends GlobalOptions {
  port: string;
  data?: string;
  repository: string[];
  auth: boolean;
  json?: boolean;
}

/** The port used when --port is not given (docker's usual registry port). */
const DEFAULT_PORT = 5000;

/** Registers `slipway registry`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('registry')
    .description('run the ECR-compatible container registry on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port to listen on; 0 picks a free one', String(DEFAULT_PORT))
    .option('--data <dir>', 'folder for the registry data (default: <home>/registry)')
    .option('--repository <name>', 'create this repository if missing (repeatable)', collect, [])
    .option('--no-auth', 'accept anonymous requests (default: Basic auth with user AWS and the password in <data>/password)')
    .option('--json', 'print the endpoint, password file and login command as one JSON document')
    .action(run<RegistryCommandOptions>((options) => runRegistry(ctx, options)));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runRegistry(ctx: CliContext, options: RegistryCommandOptions): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SlipwayError('InvalidPort', `--port must be an integer from 0 to 65535, got '${options.port}'`);
  }
  const registry = openRegistry({
    dataDir: options.data ?? join(homeOf(ctx, options), 'registry'),
    requireAuth: options.auth,
    reporter: { emit: (event: RegistryEvent) => say(ctx, formatRegistryEvent(event)) },
  });
  try {
    for (const name of options.repository) createIfMissing(registry, name);
    const address = await registry.listen({ port });
    // `slipway stack` on this home points RepositoryUri here unless given --registry-endpoint.
    recordRegistryEndpoint(registry.dataDir, address.registryHost);
    const token = registry.getAuthorizationToken().authorizationData[0]!;
    const password = Buffer.from(token.authorizationToken, 'base64').toString('utf8').slice('AWS:'.length);
    const passwordFile = options.auth ? writePasswordFile(registry.dataDir, password) : undefined;
    printStartup(ctx, options, { ...address, passwordFile, expiresAt: token.expiresAt, dataDir: registry.dataDir });
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    say(ctx, 'registry stopped');
    return 0;
  } finally {
    await registry.close();
  }
}

/** Creates a repository unless it exists already (it survives restarts in the data folder). */
function createIfMissing(registry: LocalRegistry, repositoryName: string): void {
  try {
    registry.createRepository({ repositoryName });
  } catch (error) {
    if (!(error instanceof SlipwayError && error.code === 'RepositoryAlreadyExistsException')) throw error;
  }
}

interface Startup {
  endpoint: string;
  registryHost: string;
  passwordFile: string | undefined;
  expiresAt: Date;
  dataDir: string;
}

function printStartup(ctx: CliContext, options: RegistryCommandOptions, startup: Startup): void {
  const login = `docker login ${startup.registryHost} --username AWS --password-stdin < ${shellWord(startup.passwordFile ?? '')}`;
  if (options.json) {
    printJson(ctx, {
      endpoint: startup.endpoint,
      registry: startup.registryHost,
      dataDir: startup.dataDir,
      auth: options.auth,
      ...(options.auth ? { username: 'AWS', passwordFile: startup.passwordFile, expiresAt: startup.expiresAt.toISOString(), loginCommand: login } : {}),
    });
    return;
  }
  printData(ctx, `endpoint: ${startup.endpoint}`);
  if (options.auth) {
    printData(ctx, `password: in ${startup.passwordFile} (expires ${startup.expiresAt.toISOString()})`);
    printData(ctx, `login:    ${login}`);
  } else {
    printData(ctx, 'auth:     off (anonymous access allowed)');
  }
  say(ctx, `registry data in ${startup.dataDir}; press Ctrl-C to stop`);
}

/** `text` as one POSIX shell word: as is when safe, else single-quoted (a home may contain spaces). */
function shellWord(text: string): string {
  return /^[\w./:@%+,=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

