// `slipway build`: runs one CodeBuild-compatible build on this machine — of one of the account's
// projects, as StartBuild would, or ad hoc — and `slipway builds` / `slipway logs`, the record of
// builds. The flags live here; the bodies (src/cli/run/build.ts) load the engine only when they run.
import { type Command, Option } from 'commander';
import { BUILD_DEFAULTS } from '../../local/codebuild/request.js';
import type { CliContext } from '../context.js';
import { collect } from '../flags.js';
import type { Runner } from '../runner.js';
import type { BuildOptions, BuildsOptions } from '../run/build.js';
import type { LogsOptions } from '../run/logs.js';

const bodies = () => import('../run/build.js');

/** Registers `slipway build`, `slipway builds` and `slipway logs`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('build')
    .description("run one CodeBuild-compatible build locally: a project of this account (as StartBuild), or ad hoc; phases, exported variables, artifacts")
    .option('--project-name <name>', `a CodeBuild project of this account (its buildspec, image, variables, artifacts, cache, timeout); without it, an ad hoc build named ${BUILD_DEFAULTS.projectName}`)
    .option('--ad-hoc', 'with --project-name: run an ad hoc build under that name, even if no such project exists')
    .option('--buildspec <file>', `buildspec path in the source folder, or inline YAML (default: the project's, else ${BUILD_DEFAULTS.buildspecFile})`)
    .option('--source <dir>', 'the source folder (CODEBUILD_SRC_DIR)', '.')
    .option('--artifacts <dir>', 'where artifact zips go (default: <home>/codebuild/<project>/artifacts/<build number>)')
    .option('--env <name=value>', 'an environment variable override; repeatable; wins over project and buildspec', collect, [])
    .option('--image <image>', "run in a container from this local image (default: the local image --image-map gives the project's image, else on this machine)")
    .option('--host', 'run on this machine (bash), even when the project image is mapped')
    .option('--image-map <project-image=local-image>', 'map a CodeBuild image to a local one; repeatable (also <home>/codebuild/images.json)', collect, [])
    .option('--project-image <image>', `the CodeBuild image asked for: overrides the project's Environment.Image (default: the project's, else ${BUILD_DEFAULTS.image})`)
    .option('--privileged', "privileged mode: the Docker engine is usable inside the build (default: the project's PrivilegedMode, else off)")
    .option('--no-privileged', "privileged mode off, whatever the project says")
    .option('--timeout <minutes>', `the build timeout in minutes (default: the project's TimeoutInMinutes, else ${BUILD_DEFAULTS.timeoutInMinutes})`)
    .option('--parameters <file>', "SSM parameters and secrets read before the account's own (default: <home>/parameters.json when it exists)")
    .addOption(new Option('--network <mode>', 'the build container network').choices(['host', 'none']).default(BUILD_DEFAULTS.network))
    .option('--secondary-source <id=dir>', 'a secondary source (CODEBUILD_SRC_DIR_<id>); repeatable', collect, [])
    .option('--source-version <version>', 'CODEBUILD_SOURCE_VERSION (default: the commit id); a full 40-character commit id also sets CODEBUILD_RESOLVED_SOURCE_VERSION when the source folder is not a Git work tree')
    .option('--resolved-source-version <commit>', "CODEBUILD_RESOLVED_SOURCE_VERSION (default: the source folder's Git HEAD)")
    .option('--initiator <name>', 'CODEBUILD_INITIATOR (default: your user name)')
    .option('--in-place', "run in the source folder itself, where the build's outputs stay (default: in a fresh copy of the files Git sees there, tracked and untracked but not ignored, removed after the build)")
    .option('--json', 'print NDJSON events, then the Build object')
    .action(run<BuildOptions>(async (options) => (await bodies()).runBuildCommand(ctx, options)));
  program
    .command('builds')
    .description('list recorded local builds, newest first')
    .option('--project-name <name>', 'only the builds of this project')
    .option('--limit <n>', 'at most this many builds', '20')
    .option('--json', 'print {"builds": [...]} as one JSON document')
    .action(run<BuildsOptions>(async (options) => (await bodies()).runBuildsCommand(ctx, options)));
  program
    .command('logs <id>')
    .description("print a recorded build's log, or a pipeline execution's (each action, with its build's log); --follow keeps printing while it runs, also in another process")
    .option('--follow', 'wait for new lines until the build or execution ends')
    .option('--json', 'print each line as {"timestamp", "message"} (NDJSON)')
    .action(run<LogsOptions>(async (options, command) => (await import('../run/logs.js')).runLogsCommand(ctx, command.args[0]!, options)));
}
