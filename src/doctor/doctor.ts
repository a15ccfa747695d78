// `slipway doctor`: the machine, then the repository (slipway.yml, the Dockerfile, the
// template's warnings, the buildspec), and the buildspec fix doctor can make. The library
// reports; src/cli/commands/doctor.ts speaks.
import { contextFromConfig, DEFAULT_BUILDSPEC_CONTEXT } from './buildspec/index.js';
import { repairBuildspec, type BuildspecRepair } from './buildspec-repair.js';
import type { Finding } from './finding.js';
import { awsRegion, machineFindings } from './machine/index.js';
import { readBuildspecFindings } from './repository/buildspec-file.js';
import { readConfigFindings } from './repository/config-findings.js';
import { dockerfileFindings } from './repository/dockerfile-findings.js';
import { templateFindings } from './repository/template-findings.js';

/** What to check. */
export interface DoctorOptions {
  /** The repository. */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Check the machine too. Default: true. */
  machine?: boolean;
  /** Write the buildspec fix. Default: false (only show it). */
  fix?: boolean;
}

/** Everything doctor found; with `fix`, `findings` are what is left after it. */
export interface DoctorReport {
  findings: Finding[];
  repair?: BuildspecRepair;
}

/** Runs every check; expected problems are findings, never exceptions. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const machine = options.machine === false ? [] : await machineFindings({ env: options.env });
  const { config, located, findings: configFindings } = await readConfigFindings(options.dir);
  const context = config ? contextFromConfig(config, awsRegion(options.env)?.region) : DEFAULT_BUILDSPEC_CONTEXT;
  const around = config ? [...(await dockerfileFindings(options.dir, config, located)), ...(await templateFindings(config, located))] : [];
  const buildspec = await readBuildspecFindings(options.dir, config, context);
  const repair = buildspec.text === undefined ? undefined : await repairBuildspec(
    options.dir, buildspec.file, buildspec.text, buildspec.findings, context, options.fix === true,
  );
  const buildspecLeft = repair?.written ? repair.remaining : buildspec.findings;
  return { findings: [...machine, ...configFindings, ...around, ...buildspecLeft], repair };
}
