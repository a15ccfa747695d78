// Tests that look inside an expected failure: its code, problems and hint.
import { SlipwayError } from '../../src/errors.js';

/** Runs `action` and returns the error of class `type` it throws; fails the test when it throws nothing or something else. */
export function thrownError<E extends Error>(type: new (...args: never[]) => E, action: () => unknown): E {
  try {
    action();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

/** Runs `action` and returns the SlipwayError it throws; fails the test when it throws nothing or something else. */
export function thrownSlipwayError(action: () => unknown): SlipwayError {
  return thrownError(SlipwayError, action);
}
