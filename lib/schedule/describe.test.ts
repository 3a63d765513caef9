import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { renderEventText, type Translate } from "../ha/event-text.ts";
import { loadMessages } from "../i18n/catalogue.ts";
import { LOCALES } from "../i18n/locales.ts";
import { scheduledText, type Describable } from "./describe.ts";
import { describeScheduled } from "./scheduler.ts";

const row = (kind: string, more: Partial<Describable> = {}): Describable => ({ kind, nodeId: 7, fault: null, service: null, ...more });

const ROWS: [Describable, string][] = [
  [row("failover"), "Failover of cup1"],
  [row("fallback"), "Fallback of cup1"],
  [row("recover", { nodeId: null }), "Recover"],
  [row("fault", { fault: "power-off" }), "Power off on cup1"],
  [row("fault", { fault: "service-crash", service: "Cisco SIP Proxy" }), "Crash a service (Cisco SIP Proxy) on cup1"],
  [row("service", { fault: "restart", service: "Cisco Presence Engine" }), "restart Cisco Presence Engine on cup1"],
  [row("drill-end", { nodeId: null }), "end of the drill"],
];

describe("scheduled actions' descriptions", () => {
  it("are worded in English by the en catalogue, a node without its name by its id", () => {
    for (const [r, english] of ROWS) expect(describeScheduled(r, "cup1")).toBe(english);
    expect(describeScheduled(row("fallback"))).toBe("Fallback of node 7");
  });

  it("render in every language from its catalogue, the host and service verbatim", async () => {
    for (const locale of LOCALES) {
      const t = createTranslator({ locale, messages: await loadMessages(locale), onError: (e) => { throw e; } }) as unknown as Translate;
      for (const [r] of ROWS) {
        const text = renderEventText(t, scheduledText(r, "cup1"));
        if (locale !== "en") expect(text, `${locale} ${r.kind}`).not.toBe(describeScheduled(r, "cup1"));
        if (r.nodeId !== null && r.kind !== "recover" && r.kind !== "drill-end") expect(text).toContain("cup1");
      }
    }
  });
});
