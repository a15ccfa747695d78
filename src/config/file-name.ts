// The name of slipway's config file, in a module of its own so that the CLI can name it without
// loading the config schema (and zod) at start-up.

/** The config file read in the working directory when no other is named. */
export const CONFIG_FILE = 'slipway.yml';
