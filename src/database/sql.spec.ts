import { together } from './sql';

/** A statement that ends when `end` is called, and says whether it has. */
function pending<T>(): { promise: Promise<T>; end: (value: T) => void; ended: () => boolean } {
  let end!: (value: T) => void;
  let done = false;
  const promise = new Promise<T>((resolve) => {
    end = (value) => {
      done = true;
      resolve(value);
    };
  });
  return { promise, end, ended: () => done };
}

describe('together', () => {
  it('answers each statement’s result in the order given', async () => {
    const slow = pending<string>();
    const answer = together(slow.promise, Promise.resolve(7));
    slow.end('first');
    await expect(answer).resolves.toEqual(['first', 7]);
  });

  it('fails only once every statement has ended, with the first failure', async () => {
    const slow = pending<number>();
    let settledWhileRunning = false;
    const answer = together(Promise.reject(new Error('refused')), slow.promise).catch(
      (error: Error) => {
        settledWhileRunning = !slow.ended();
        throw error;
      },
    );
    // Let the rejection propagate as far as it can while the other statement still runs.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settledWhileRunning).toBe(false);
    slow.end(1);
    await expect(answer).rejects.toThrow('refused');
    expect(settledWhileRunning).toBe(false);
  });
});
