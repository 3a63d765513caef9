import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce.ts";

/** A read whose runs the test ends by hand; each run answers the store's value when it began. */
function fakeStore() {
  const store = { value: 0 };
  const runs: { began: number; end(): void; fail(err: Error): void }[] = [];
  const read = coalesce(
    (key: string) => key,
    (_owner: object, _key: string) =>
      new Promise<number>((resolve, reject) => {
        const began = store.value;
        runs.push({ began, end: () => resolve(began), fail: reject });
      }),
  );
  return { store, runs, read };
}

const turn = () => new Promise((r) => setImmediate(r));

describe("coalesced reads", () => {
  it("answers calls made while a read runs with one later read that began after them", async () => {
    const { store, runs, read } = fakeStore();
    const owner = {};
    const first = read(owner, "k");
    store.value = 1; // a write committed after the first read began
    const second = read(owner, "k");
    const third = read(owner, "k");
    expect(runs).toHaveLength(1);
    runs[0]!.end();
    expect(await first).toBe(0);
    await turn();
    expect(runs).toHaveLength(2);
    runs[1]!.end();
    // Both saw the write made before they asked.
    expect(await second).toBe(1);
    expect(await third).toBe(1);
  });

  it("never shares between owners or keys, and starts afresh once idle", async () => {
    const { runs, read } = fakeStore();
    const a = {};
    const b = {};
    const calls = [read(a, "k"), read(b, "k"), read(a, "other")];
    expect(runs).toHaveLength(3);
    runs.forEach((r) => r.end());
    await Promise.all(calls);
    const again = read(a, "k");
    expect(runs).toHaveLength(4);
    runs[3]!.end();
    await again;
  });

  it("does not stay stuck on a load that throws before returning its promise", async () => {
    let calls = 0;
    const read = coalesce(
      () => "k",
      (_owner: object) => {
        calls++;
        if (calls === 1) throw new Error("bad query");
        return Promise.resolve(calls);
      },
    );
    const owner = {};
    await expect(read(owner)).rejects.toThrow("bad query");
    await expect(read(owner)).resolves.toBe(2);
  });

  it("gives every caller sharing a read its failure, and the next caller a new read", async () => {
    const { runs, read } = fakeStore();
    const owner = {};
    const first = read(owner, "k");
    const waiting = read(owner, "k");
    runs[0]!.fail(new Error("connection lost"));
    await expect(first).rejects.toThrow("connection lost");
    await turn();
    runs[1]!.fail(new Error("still lost"));
    await expect(waiting).rejects.toThrow("still lost");
    const later = read(owner, "k");
    expect(runs).toHaveLength(3);
    runs[2]!.end();
    await expect(later).resolves.toBe(0);
  });
});
