// `slipway doctor`: the preflight of the machine and the repository, the buildspec fix, and with
// --cost the monthly estimate. The checks live in src/doctor; this file reads flags and speaks:
// findings and the diff on stdout, the summary on stderr.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT_CODES } from '../../errors.js';
import { countBySeverity, findingJson } from '../../doctor/finding.js';
import { formatReport } from '../../doctor/format-findings.js';
import { runDoctor } from '../../doctor/doctor.js';
import type { CliContext } from '../context.js';
import { printData, printJson, say } from '../output.js';
import type { Runner } from '../runner.js';
import { costFlags, registerCostOptions, runCost, type CostFlags } from './doctor-cost.js';

interface DoctorFlags extends CostFlags {
  dir?: string;
  fix?: boolean;
  machine: boolean;
  cost?: boolean;
  json?: boolean;
}

async function doctor(ctx: CliContext, flags: DoctorFlags): Promise<number> {
  const dir = resolve(ctx.cwd, flags.dir ?? '.');
  if (flags.cost) return runCost(ctx, dir, costFlags(flags), flags.json === true);
  const report = await runDoctor({ dir, env: ctx.env, machine: flags.machine, fix: flags.fix });
  const counts = countBySeverity(report.findings);
  const { repair } = report;
  if (flags.json) {
    const fix = repair ? { file: repair.file, diff: repair.diff, written: repair.written, resolved: repair.resolved.map(findingJson) } : null;
    printJson(ctx, { findings: report.findings.map(findingJson), fix, errors: counts.error, warnings: counts.warning });
  } else {
    printData(ctx, formatReport(report.findings, repair).join('\n'));
  }
  say(ctx, `doctor: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}`);
  if (repair && !repair.written) say(ctx, `next: \`slipway doctor --fix\` rewrites ${repair.file} as shown`);
  if (flags.fix && !repair) say(ctx, 'doctor --fix: nothing in the buildspec it can rewrite');
  return counts.error > 0 ? EXIT_CODES.failed : EXIT_CODES.success;
}

/** Registers `slipway doctor`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  const command = program
    .command('doctor')
    .description('check the machine and the repository, show (or --fix) what the buildspec needs, or --cost: estimate the monthly AWS bill')
    .option('--dir <dir>', 'the repository folder (default: the current directory)')
    .option('--fix', 'rewrite the buildspec as shown (the ECR login, placeholders, runtimes the image lacks); comments and layout are kept')
    .option('--no-machine', 'skip the machine checks (Node.js, git, Docker, ports, AWS credentials)')
    .option('--cost', 'print only the estimated monthly AWS bill of the synthesized stack; needs neither AWS credentials nor Docker')
    .option('--json', 'print one JSON document');
  registerCostOptions(command);
  command.action(run<DoctorFlags>((flags) => doctor(ctx, flags)));
}
