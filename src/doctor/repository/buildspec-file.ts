// The buildspec the template points at (build.buildspec, default buildspec.yml): present, and
// what its checks find. With build.inlineBuildspec the template carries slipway's own
// buildspec and the repository's file is not used.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE, type SlipwayConfig } from '../../config/index.js';
import { buildspecFindings, type BuildspecContext } from '../buildspec/index.js';
import type { Finding } from '../finding.js';

/** The buildspec's text (when there is one to check) and the findings about it. */
export interface BuildspecReading {
  file: string;
  text?: string;
  findings: Finding[];
}

/** Reads and checks the buildspec of the repository in `dir`. */
export async function readBuildspecFindings(dir: string, config: SlipwayConfig | undefined, context: BuildspecContext): Promise<BuildspecReading> {
  const file = config?.build.buildspec ?? 'buildspec.yml';
  if (config?.build.inlineBuildspec) {
    return {
      file,
      findings: [{
        check: 'repository.buildspec',
        severity: 'info',
        file: CONFIG_FILE,
        message: `build.inlineBuildspec is set: the template carries slipway's buildspec, and ${file} is not used`,
      }],
    };
  }
  const text = await readFile(join(dir, file), 'utf8').catch(() => undefined);
  if (text === undefined) {
    const finding: Finding = config
      ? {
        check: 'repository.buildspec',
        severity: 'error',
        file: CONFIG_FILE,
        message: `there is no ${file}, which the template's build reads: CodeBuild fails the build (YAML_FILE_ERROR)`,
        fix: 'write one, or set build.inlineBuildspec: true to use slipway\'s own',
      }
      : { check: 'repository.buildspec', severity: 'warning', file, message: `there is no ${file}`, fix: 'run slipway init, which writes one' };
    return { file, findings: [finding] };
  }
  return { file, text, findings: buildspecFindings(text, file, context) };
}
