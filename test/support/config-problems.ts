// What parseConfig reports for a slipway.yml that it rejects, as the CLI prints each problem.
import { SlipwayError, formatProblem } from '../../src/errors.js';
import { parseConfig } from '../../src/config/index.js';

/** The problems parseConfig reports for `text`, rendered as the CLI prints them; throws if it accepts it. */
export function configProblems(text: string): string[] {
  try {
    parseConfig(text, 'slipway.yml');
  } catch (error) {
    if (error instanceof SlipwayError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected the config to be rejected');
}
