import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import * as actions from "@/app/api/groups/[id]/actions/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as enterpriseParams from "@/app/api/enterprise-parameters/route.ts";
import * as events from "@/app/api/events/route.ts";
import * as serviceParams from "@/app/api/service-parameters/route.ts";
import * as lab from "@/app/api/lab/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import { englishEventText } from "@/lib/ha/event-english.ts";
import { knowsEventText, renderEventText, type EventText, type EventValue, type Translate } from "@/lib/ha/event-text.ts";
import { loadMessages } from "@/lib/i18n/catalogue.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

useTestRuntime();
let cookie = "";
let groupId = 0;

interface Row {
  message: string;
  messageKey: string | null;
  messageValues: Record<string, EventValue> | null;
}

async function addNode(hostName: string) {
  const answer = await call(nodes.POST, { method: "POST", path: "/api/nodes", cookie, body: { hostName, softwareVersion: "15.0.1.12900-12", cluster: "i18n-lab" } });
  expect(answer.status).toBe(201);
  return answer.body.id as number;
}

/** The names a message shows as they are (hosts, services), which are no language's words. */
function verbatim(values: Record<string, EventValue> | undefined): string[] {
  return Object.values(values ?? {}).flatMap((v) => (typeof v === "string" ? [v] : typeof v === "object" ? verbatim(v.values) : []));
}

const ref = (row: Row): EventText => ({ key: row.messageKey!, ...(row.messageValues ? { values: row.messageValues } : {}) });

let history: Row[] = [];

beforeAll(async () => {
  cookie = await signInAsAdmin();
  // Zero-length steps make the whole failover happen within the request.
  expect((await call(lab.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } })).status).toBe(200);
  await addNode("i18n-pub");
  const a = await addNode("i18n-a");
  const b = await addNode("i18n-b");
  const created = await call(groups.POST, { method: "POST", path: "/api/groups", cookie, body: { name: "I18N-HA", server1Id: a, server2Id: b, haEnabled: true } });
  expect(created.status).toBe(201);
  groupId = created.body.id;
  const path = `/api/groups/${groupId}/actions`;
  expect((await call(actions.POST, { method: "POST", path, params: { id: String(groupId) }, cookie, body: { action: "failover", node: a } })).status).toBe(202);
  const answer = await call(events.GET, { path: `/api/events?group=${groupId}&pageSize=50`, cookie });
  expect(answer.status).toBe(200);
  history = answer.body.items;
});

describe("a failover's history in the viewer's language", () => {
  it("keeps a key for every row, and the English the API answers is the en catalogue's rendering of it", () => {
    expect(history.length).toBeGreaterThan(4);
    expect(history.map((r) => r.message)).toContain("Failover of i18n-a to i18n-b requested");
    for (const row of history) {
      expect(row.messageKey, row.message).toBeTruthy();
      expect(englishEventText(ref(row))).toBe(row.message);
    }
  });

  for (const locale of ["ja", "zh"] as const) {
    it(`renders every row in ${locale} from its catalogue, with no English left but names`, async () => {
      const messages = await loadMessages(locale);
      const t = createTranslator({ locale, messages }) as unknown as Translate;
      for (const row of history) {
        expect(knowsEventText(t, ref(row)), row.messageKey!).toBe(true);
        const text = renderEventText(t, ref(row));
        expect(text).not.toBe(row.message);
        const rest = verbatim(row.messageValues ?? undefined).reduce((s, name) => s.split(name).join(""), text);
        // SRM is the product's own abbreviation in every edition.
        expect(rest.replace(/\bSRM\b/g, ""), `${row.message} → ${text}`).not.toMatch(/[A-Za-z]{3,}/);
      }
      const requested = history.find((r) => r.messageKey === "event.failoverRequested")!;
      expect(renderEventText(t, ref(requested))).toBe(t("ha.event.failoverRequested", { host: "i18n-a", peer: "i18n-b" }));
    });
  }
});

describe("parameter and User Assignment Mode changes in the viewer's language", () => {
  it("keeps a key for each change and renders it in ja and zh with no English left but host names", async () => {
    const put = (path: string, route: typeof serviceParams.PUT, body: unknown) => call(route, { method: "PUT", path, cookie, body });
    expect((await put("/api/service-parameters", serviceParams.PUT, { cluster: { keepAliveTimeout: 45, enableAutomaticFallback: true } })).status).toBe(200);
    expect((await put("/api/enterprise-parameters", enterpriseParams.PUT, { userAssignmentMode: "Active-Standby" })).status).toBe(200);
    const answer = await call(events.GET, { path: `/api/events?kind=parameter&pageSize=50`, cookie });
    const rows = answer.body.items as Row[];
    const keys = rows.map((r) => r.messageKey);
    expect(keys).toEqual(expect.arrayContaining(["event.parameterChanged", "event.assignmentModeSet"]));
    expect(rows.map((r) => r.message)).toContain("Keep Alive (Heartbeat) Timeout changed from 60 seconds to 45 seconds");
    for (const row of rows) expect(englishEventText(ref(row))).toBe(row.message);
    for (const locale of ["ja", "zh"] as const) {
      const t = createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as Translate;
      for (const row of rows) {
        const text = renderEventText(t, ref(row));
        // True and False are the parameter pages' own words in every edition; Presence is the product's name in the Chinese one.
        expect(text.replace(/\b(True|False|Presence)\b/g, ""), `${row.message} → ${text}`).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
  });
});
