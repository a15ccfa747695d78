import { resolve } from 'node:path';

/** Where all local state lives unless `--home` or `SLIPWAY_HOME` says otherwise. */
export const DEFAULT_HOME_DIRNAME = '.slipway';

/**
 * Resolves slipway's state folder: `--home DIR`, else `SLIPWAY_HOME`, else `.slipway/` in the
 * working directory, so two checkouts (or a test and a user) never share state by accident.
 */
export function resolveHome(options: { flag?: string; env: NodeJS.ProcessEnv; cwd: string }): string {
  const chosen = options.flag ?? options.env.SLIPWAY_HOME;
  return resolve(options.cwd, chosen && chosen.length > 0 ? chosen : DEFAULT_HOME_DIRNAME);
}
