import type { WallTimers } from "@/lib/ha/controller.ts";

/** A wall clock the test moves: the controller's wake-ups run only when the test fires them. */
export class FakeWall {
  t = 1_000_000;
  private pending = new Set<{ fn: () => void; at: number }>();
  readonly now = () => this.t;
  readonly timers: WallTimers = {
    set: (fn, ms) => {
      const h = { fn, at: this.t + ms };
      this.pending.add(h);
      return h;
    },
    clear: (h) => void this.pending.delete(h as { fn: () => void; at: number }),
  };
  /** Whether a wake-up is armed (none while the one that ran is still at work). */
  get armed(): boolean {
    return this.pending.size > 0;
  }

  /** Moves the wall clock to the earliest wake-up and runs it. */
  fireNext() {
    const next = [...this.pending].sort((a, b) => a.at - b.at)[0];
    if (!next) throw new Error("no wall timer armed");
    this.pending.delete(next);
    this.t = Math.max(this.t, next.at);
    next.fn();
  }
}
