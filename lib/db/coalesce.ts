interface Next<V> {
  promise: Promise<V>;
  resolve(value: V): void;
  reject(err: unknown): void;
}

interface KeyState<V> {
  running: boolean;
  next: Next<V> | null;
}

/**
 * Shares reads between concurrent callers without ever answering one with
 * data older than its call. A call with no read of its key under way starts
 * one; calls that arrive while one runs wait for the next, started when it
 * ends, and all share that one. So fifty pages polling the same counts cost
 * two queries in flight instead of fifty, and a caller that has just written
 * still reads its write: the read it gets began after it asked.
 *
 * Keys are kept per owner (the database client), so two consoles in one
 * process never share a read.
 */
export function coalesce<O extends object, A extends unknown[], V>(
  keyOf: (...args: A) => string,
  load: (owner: O, ...args: A) => Promise<V>,
): (owner: O, ...args: A) => Promise<V> {
  const owners = new WeakMap<O, Map<string, KeyState<V>>>();

  function run(owner: O, states: Map<string, KeyState<V>>, key: string, state: KeyState<V>, args: A): Promise<V> {
    state.running = true;
    let result: Promise<V>;
    try {
      result = load(owner, ...args);
    } catch (err) {
      // A load that throws before returning its promise must not leave the key running for good.
      result = Promise.reject(err);
    }
    const after = () => {
      const next = state.next;
      state.next = null;
      if (!next) {
        state.running = false;
        states.delete(key);
        return;
      }
      run(owner, states, key, state, args).then(next.resolve, next.reject);
    };
    result.then(after, after);
    return result;
  }

  return (owner: O, ...args: A): Promise<V> => {
    let states = owners.get(owner);
    if (!states) owners.set(owner, (states = new Map()));
    const key = keyOf(...args);
    let state = states.get(key);
    if (!state) states.set(key, (state = { running: false, next: null }));
    if (!state.running) return run(owner, states, key, state, args);
    if (!state.next) {
      let resolve!: (value: V) => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<V>((res, rej) => ((resolve = res), (reject = rej)));
      state.next = { promise, resolve, reject };
    }
    return state.next.promise;
  };
}
