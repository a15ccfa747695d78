// The error a call fails with, typed for assertions; a call that succeeds fails the test.

/** Awaits `call` and returns what it rejected with. */
export async function rejection<E = Error>(call: Promise<unknown>): Promise<E> {
  try {
    await call;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
