import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n/locales.ts";
import { BUILTIN_DRILLS } from "./builtin.ts";
import { BUILTIN_DRILL_TEXT } from "./builtin-text.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

const lookup = (locale: string, key: string): unknown =>
  key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], JSON.parse(readFileSync(path.join(ROOT, "messages", locale, "planning.json"), "utf8")));

describe("built-in drills' text", () => {
  it("has messages for exactly the built-in drills", () => {
    expect(Object.keys(BUILTIN_DRILL_TEXT).sort()).toEqual(BUILTIN_DRILLS.map((d) => d.key).sort());
  });

  it("words every drill's name, description and recovery in every locale, the English being the drill's own", () => {
    for (const drill of BUILTIN_DRILLS) {
      const keys = BUILTIN_DRILL_TEXT[drill.key]!;
      for (const field of ["name", "description", "recovery"] as const) {
        expect(lookup("en", keys[field]), `${drill.key} ${field}`).toBe(drill[field]);
        for (const locale of LOCALES) expect(typeof lookup(locale, keys[field]), `${locale} ${drill.key} ${field}`).toBe("string");
      }
    }
  });
});
