// `slipway deploy`, `destroy` and `status`: the flags. The bodies (src/cli/run/deploy.ts) load
// the AWS SDK only when one of them runs, so that every other command starts fast.
import type { Command } from 'commander';
import { CONFIG_FILE } from '../../config/file-name.js';
import type { CliContext } from '../context.js';
import { collect } from '../flags.js';
import type { Runner } from '../runner.js';
import type { AwsOptions, DeployOptions, DestroyOptions } from '../run/deploy.js';

function awsCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .option('--region <region>', 'AWS region (default: AWS_REGION, else the profile\'s region)')
    .option('--profile <name>', 'AWS profile from the shared config files (default: AWS_PROFILE, else default)')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint, e.g. slipway\'s local AWS endpoint or moto (default: AWS\'s public endpoints)')
    .option('--stack-name <name>', 'the CloudFormation stack (default: <name>-<env> from slipway.yml)')
    .option('--config <file>', `the slipway.yml to read (default: ${CONFIG_FILE})`);
}

/** The options of the commands that change the stack: they ask first, and stream their progress. */
function changing(command: Command): Command {
  return command
    .option('--yes', 'answer yes to every confirmation (required without a terminal)')
    .option('--json', 'print NDJSON events, then the result, on stdout');
}

/** Registers `slipway deploy`, `slipway destroy` and `slipway status`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  const flows = () => import('../run/deploy.js');
  changing(awsCommand(program, 'deploy', 'deploy the pipeline stack to AWS through a CloudFormation change set, with progress'))
    .option('--template <file>', 'deploy this CloudFormation template instead of synthesizing slipway.yml')
    .option('--parameter <name=value>', 'a template parameter value; repeatable', collect, [])
    .option('--wait', 'wait for a PENDING source connection to be approved, then start the pipeline')
    .option('--s3-bucket <bucket>', 'upload the template to this existing bucket and deploy it from there; required over 51,200 bytes (default: none, the template is sent inline)')
    .option('--s3-prefix <prefix>', 'folder for the uploaded template in --s3-bucket (default: none, the bucket\'s top level)')
    .action(run<DeployOptions>(async (options) => (await flows()).runDeploy(ctx, options)));
  changing(awsCommand(program, 'destroy', 'delete the pipeline stack: empties the artifact bucket it created, never a shared one'))
    .option('--delete-images', 'delete the images in the repository the stack created, so it can be deleted')
    .action(run<DestroyOptions>(async (options) => (await flows()).runDestroy(ctx, options)));
  awsCommand(program, 'status', 'the stack, its pipeline stages and executions, latest images and connection state')
    .option('--json', 'print the report as one JSON document on stdout')
    .action(run<AwsOptions>(async (options) => (await flows()).runStatus(ctx, options)));
}
