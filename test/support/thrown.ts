// Tests that look inside an expected failure: its code, problems and hint.
import { SlipwayError } from '../../src/errors.js';

/** Runs `action` and returns the SlipwayError it throws; fails the test when it throws nothing or something else. */
export function thrownSlipwayError(action: () => unknown): SlipwayError {
  try {
    action();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected a SlipwayError');
}
