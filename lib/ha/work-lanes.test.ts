import { describe, expect, it } from "vitest";
import { WorkLanes } from "./work-lanes.ts";

/** A piece of work that runs until released, recording when it starts and ends. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  return {
    release,
    fn: async () => {
      log.push(`${name}+`);
      await released;
      log.push(`${name}-`);
      return name;
    },
  };
}

const turn = () => new Promise((r) => setTimeout(r, 5));

describe("WorkLanes", () => {
  it("runs different groups' work side by side and one group's in order", async () => {
    const lanes = new WorkLanes();
    const log: string[] = [];
    const a1 = gate(log, "a1");
    const a2 = gate(log, "a2");
    const b1 = gate(log, "b1");
    const r = [lanes.inLanes(["a"], a1.fn), lanes.inLanes(["a"], a2.fn), lanes.inLanes(["b"], b1.fn)];
    await turn();
    expect(log).toEqual(["a1+", "b1+"]);
    b1.release();
    await turn();
    expect(log).toEqual(["a1+", "b1+", "b1-"]);
    a1.release();
    await turn();
    expect(log).toEqual(["a1+", "b1+", "b1-", "a1-", "a2+"]);
    a2.release();
    expect(await Promise.all(r)).toEqual(["a1", "a2", "b1"]);
  });

  it("holds every lane for work across all groups, after what was queued before it", async () => {
    const lanes = new WorkLanes();
    const log: string[] = [];
    const a = gate(log, "a");
    const all = gate(log, "all");
    const b = gate(log, "b");
    const c = gate(log, "c");
    const r = [lanes.inLanes(["a"], a.fn), lanes.acrossAll(all.fn), lanes.inLanes(["b"], b.fn), lanes.inLanes(["c"], c.fn)];
    await turn();
    expect(log).toEqual(["a+"]);
    a.release();
    await turn();
    expect(log).toEqual(["a+", "a-", "all+"]);
    all.release();
    await turn();
    expect(log).toEqual(["a+", "a-", "all+", "all-", "b+", "c+"]);
    b.release();
    c.release();
    await Promise.all(r);
  });

  it("holds a set of lanes together, leaving the others free", async () => {
    const lanes = new WorkLanes();
    const log: string[] = [];
    const ab = gate(log, "ab");
    const a = gate(log, "a");
    const c = gate(log, "c");
    const r = [lanes.inLanes(["a", "b"], ab.fn), lanes.inLanes(["a"], a.fn), lanes.inLanes(["c"], c.fn)];
    await turn();
    expect(log).toEqual(["ab+", "c+"]);
    ab.release();
    await turn();
    expect(log).toContain("a+");
    a.release();
    c.release();
    await Promise.all(r);
  });

  it("goes on after a failure, which reaches only its own caller", async () => {
    const lanes = new WorkLanes();
    const failed = lanes.inLanes(["a"], () => Promise.reject(new Error("refused")));
    const next = lanes.inLanes(["a"], async () => "next");
    const all = lanes.acrossAll(async () => "all");
    await expect(failed).rejects.toThrow("refused");
    expect(await next).toBe("next");
    expect(await all).toBe("all");
  });

  it("is idle only once work queued by running work has ended too", async () => {
    const lanes = new WorkLanes();
    const log: string[] = [];
    void lanes.inLanes(["a"], async () => {
      await turn();
      void lanes.inLanes(["b"], async () => {
        await turn();
        log.push("queued meanwhile");
      });
    });
    await lanes.idle();
    expect(log).toEqual(["queued meanwhile"]);
  });

  it("waits a bounded number of rounds when lanes keep getting new work", async () => {
    const lanes = new WorkLanes();
    let stop = false;
    const busy = async (): Promise<void> => {
      await turn();
      if (!stop) void lanes.inLanes(["a"], busy);
    };
    void lanes.inLanes(["a"], busy);
    await lanes.idle(3);
    stop = true;
    await lanes.idle();
  });
});
