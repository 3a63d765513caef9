import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./negotiate.ts";

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["ja-JP,ja;q=0.9,en;q=0.8", "ja"],
    ["zh-CN,zh;q=0.9", "zh"],
    ["zh-Hans-CN", "zh"],
    ["zh", "zh"],
    ["zh-TW,en;q=0.5", "en"],
    ["zh-Hant,ja;q=0.3", "ja"],
    ["fr-FR,de;q=0.9", "en"],
    ["fr;q=1,ja;q=0.2,zh;q=0.4", "zh"],
    ["en-US,ja;q=0.9", "en"],
    ["*", "en"],
    ["ja;q=0", "en"],
  ])("%s → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
