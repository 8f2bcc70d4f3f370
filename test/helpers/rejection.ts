// The error a promise rejects with, checked to be of the expected class (so the test can read its
// fields); a promise that resolves, or rejects with anything else, fails the test.
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but the call succeeded`);
}
