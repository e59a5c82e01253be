export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A promise to settle from the outside: tests await what a callback signals, never a delay. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Lets every queued callback run (one turn of the event loop). Not a time bound: results never
 * depend on it; it only makes a test exercise a path (e.g. a subscription gone idle) more often.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
