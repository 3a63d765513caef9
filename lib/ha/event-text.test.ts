import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n/locales.ts";
import { englishEventText } from "./event-english.ts";
import { knowsEventText, reasonTerm, say, stateTerm, type Translate } from "./event-text.ts";
import { OPERATION_WORD, SERVICE_ACTION_WORD } from "./history-text.ts";
import { REASON, STATE } from "./names.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Tree = { [key: string]: string | Tree };
const leaf = (tree: Tree, key: string): string | undefined => {
  const found = key.split(".").reduce<string | Tree | undefined>((at, part) => (typeof at === "object" ? at[part] : undefined), tree);
  return typeof found === "string" ? found : undefined;
};
const catalogue = (locale: string, ns: string) => JSON.parse(readFileSync(path.join(ROOT, "messages", locale, `${ns}.json`), "utf8")) as Tree;

/** Every `event.*` key written in the code that records history (lib/) or words it (components/). */
function keysInCode(): string[] {
  const files = ["lib", "components"].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.parentPath.includes("generated"))
      .map((e) => readFileSync(path.join(e.parentPath, e.name), "utf8")),
  );
  return [...new Set(files.flatMap((code) => [...code.matchAll(/["'`](event\.[\w.]+)["'`]/g)].map((m) => m[1]!)))].sort();
}

describe("history message keys", () => {
  const keys = keysInCode();

  it("finds the keys the state machine writes", () => {
    expect(keys).toContain("event.failoverRequested");
    expect(keys.length).toBeGreaterThan(40);
  });

  it("every key the code writes is a message of the ha catalogue in every locale", () => {
    for (const locale of LOCALES) {
      const ha = catalogue(locale, "ha");
      expect(keys.filter((k) => leaf(ha, k) === undefined), locale).toEqual([]);
    }
  });

  it("the words nested in messages are catalogue keys", () => {
    const ha = catalogue("en", "ha");
    for (const key of [...Object.values(OPERATION_WORD), ...Object.values(SERVICE_ACTION_WORD)]) expect(leaf(ha, key), key).toBeDefined();
  });

  it("renders English from the en catalogue, states and reasons by their names", () => {
    expect(englishEventText(say("event.failoverRequested", { host: "cup1", peer: "cup2" }))).toBe("Failover of cup1 to cup2 requested");
    expect(
      englishEventText(
        say("event.stateReasonCause", {
          host: "cup2",
          state: stateTerm(STATE.BACKUP),
          reason: reasonTerm(REASON.PEER_DOWN),
          cause: say("event.peerLoss.takeover", { peer: "cup1" }),
        }),
      ),
    ).toBe("cup2: Running in Backup Mode (Peer Down) — no heartbeat from cup1: taking over the users it holds");
    const meaning = leaf(catalogue("en", "servers"), "replication.2");
    expect(meaning).toBeDefined();
    expect(englishEventText({ ns: "servers", key: "replication.2" })).toBe(meaning);
  });

  it("refuses a key the en catalogue lacks rather than storing the key as text", () => {
    expect(() => englishEventText(say("event.noSuchMessage"))).toThrow();
  });

  it("knows a message only when the translator has it and every message nested in it, so a page falls back to the stored English", () => {
    const known = new Set(["ha.event.gaveUp", "ha.event.word.fallback"]);
    const t = Object.assign((key: string) => key, { has: (key: string) => known.has(key) }) as Translate;
    const gaveUp = (why: ReturnType<typeof say>) => say("event.gaveUp", { host: "cup1", operation: say("event.word.fallback"), why });
    expect(knowsEventText(t, say("event.word.fallback"))).toBe(true);
    expect(knowsEventText(t, gaveUp(say("event.peerLoss.failed", { peer: "cup2" })))).toBe(false);
    expect(knowsEventText(t, say("event.newerThanThisPage"))).toBe(false);
  });
});
