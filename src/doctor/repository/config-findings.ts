// slipway.yml: present, and valid by the same rules every command applies (src/config), each
// problem at its line and column.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE, parseConfig, type SlipwayConfig } from '../../config/index.js';
import { SlipwayError } from '../../errors.js';
import { parseLocatedYaml, type LocatedDocument } from '../../yaml/located-document.js';
import type { Finding } from '../finding.js';

/** The config when it is valid, its positions, and what was found. */
export interface ConfigReading {
  config?: SlipwayConfig;
  located?: LocatedDocument;
  findings: Finding[];
}

/** Reads `<dir>/slipway.yml` into findings; never throws for bad input. */
export async function readConfigFindings(dir: string): Promise<ConfigReading> {
  const text = await readFile(join(dir, CONFIG_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) {
    return {
      findings: [{
        check: 'repository.config',
        severity: 'warning',
        file: CONFIG_FILE,
        message: `there is no ${CONFIG_FILE}: the checks below assume slipway's defaults`,
        fix: 'run slipway init',
      }],
    };
  }
  const located = parseLocatedYaml(text, CONFIG_FILE);
  try {
    const config = parseConfig(text, CONFIG_FILE);
    return { config, located, findings: [{ check: 'repository.config', severity: 'info', file: CONFIG_FILE, message: `${CONFIG_FILE} is valid` }] };
  } catch (error) {
    if (!(error instanceof SlipwayError)) throw error;
    const findings = error.problems.map((problem): Finding => ({
      check: 'repository.config',
      severity: 'error',
      file: CONFIG_FILE,
      line: problem.line,
      column: problem.column,
      path: problem.path,
      message: problem.message,
      fix: `correct ${CONFIG_FILE} (its keys and defaults: README.md, "slipway.yml")`,
    }));
    return { located, findings };
  }
}

/** Line and column in slipway.yml of the value at a key path (`key: true`: of the key itself), or of its closest parent that is there. */
export function configPosition(located: LocatedDocument | undefined, path: readonly string[], key = false): { line?: number; column?: number } {
  return (key ? located?.locateKey(path) : located?.locate(path)) ?? {};
}
