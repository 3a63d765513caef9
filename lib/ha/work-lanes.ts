/**
 * The controller's queues: one lane per group, so one group's work (a
 * 15,000-user move, a timer check) never waits for another group's, and a
 * barrier for work that spans groups (group and parameter changes, a reload
 * from the database), which waits for every lane and holds them all while it
 * runs. Work on a set of lanes (the groups of the clusters a user import
 * touches) waits for and holds just those.
 *
 * Each call runs after everything queued before it that it could conflict
 * with, in the order the calls were made.
 */
export class WorkLanes {
  private lanes = new Map<string, Promise<unknown>>();
  private barrier: Promise<unknown> = Promise.resolve();

  /** Runs `fn` once the barrier and the given lanes are free, holding those lanes until it ends. */
  inLanes<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const before = Promise.all([this.barrier, ...keys.map((k) => this.lanes.get(k))]);
    const run = before.then(fn);
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    for (const k of keys) this.lanes.set(k, done);
    // Settled lanes are forgotten, so groups deleted long ago do not accumulate.
    void done.then(() => {
      for (const k of keys) if (this.lanes.get(k) === done) this.lanes.delete(k);
    });
    return run;
  }

  /** Runs `fn` once every lane is free, holding every lane (those of groups not yet known too) until it ends. */
  acrossAll<T>(fn: () => Promise<T>): Promise<T> {
    const run = Promise.all([this.barrier, ...this.lanes.values()]).then(fn);
    this.barrier = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Resolves when everything queued so far, and anything it queued meanwhile, has ended; or after
   * `rounds` waits, for a caller that must not starve while lanes keep getting new work.
   */
  async idle(rounds = Infinity): Promise<void> {
    for (let round = 0; round < rounds; round++) {
      const pending = new Set([this.barrier, ...this.lanes.values()]);
      await Promise.all(pending);
      if ([this.barrier, ...this.lanes.values()].every((p) => pending.has(p))) return;
    }
  }
}
