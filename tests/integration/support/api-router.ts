import { NextRequest } from "next/server";
import * as catchAll from "@/app/api/[...path]/route.ts";
import * as accountLocale from "@/app/api/account/locale/route.ts";
import * as accountPassword from "@/app/api/account/password/route.ts";
import * as accountReset from "@/app/api/accounts/[id]/password/route.ts";
import * as account from "@/app/api/accounts/[id]/route.ts";
import * as accounts from "@/app/api/accounts/route.ts";
import * as auditExport from "@/app/api/audit/export/route.ts";
import * as audit from "@/app/api/audit/route.ts";
import * as alertAcknowledge from "@/app/api/alerts/[id]/acknowledge/route.ts";
import * as alerts from "@/app/api/alerts/route.ts";
import * as alertWebhook from "@/app/api/alerts/webhook/route.ts";
import * as clientCounters from "@/app/api/clients/counters/route.ts";
import * as clientSettings from "@/app/api/clients/settings/route.ts";
import * as clusters from "@/app/api/clusters/route.ts";
import * as consoleInstances from "@/app/api/console-instances/route.ts";
import * as enterpriseParameters from "@/app/api/enterprise-parameters/route.ts";
import * as events from "@/app/api/events/route.ts";
import * as eventStream from "@/app/api/events/stream/route.ts";
import * as groupActions from "@/app/api/groups/[id]/actions/route.ts";
import * as groupHa from "@/app/api/groups/[id]/ha/route.ts";
import * as group from "@/app/api/groups/[id]/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as ha from "@/app/api/ha/route.ts";
import * as health from "@/app/api/health/route.ts";
import * as lab from "@/app/api/lab/route.ts";
import * as nodeFaults from "@/app/api/nodes/[id]/faults/route.ts";
import * as nodeHa from "@/app/api/nodes/[id]/ha/route.ts";
import * as node from "@/app/api/nodes/[id]/route.ts";
import * as nodeService from "@/app/api/nodes/[id]/services/[service]/route.ts";
import * as nodeServices from "@/app/api/nodes/[id]/services/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import * as openapi from "@/app/api/openapi.json/route.ts";
import * as outageReport from "@/app/api/outage-reports/[id]/route.ts";
import * as outageReports from "@/app/api/outage-reports/route.ts";
import * as serviceParameters from "@/app/api/service-parameters/route.ts";
import * as session from "@/app/api/session/route.ts";
import * as token from "@/app/api/tokens/[id]/route.ts";
import * as tokens from "@/app/api/tokens/route.ts";
import * as topology from "@/app/api/topology/route.ts";
import * as userClient from "@/app/api/users/[id]/client/route.ts";
import * as user from "@/app/api/users/[id]/route.ts";
import * as userClients from "@/app/api/users/clients/route.ts";
import * as usersImport from "@/app/api/users/import/route.ts";
import * as users from "@/app/api/users/route.ts";
import * as drillRunAbandon from "@/app/api/drill-runs/[id]/abandon/route.ts";
import * as drillRun from "@/app/api/drill-runs/[id]/route.ts";
import * as drillRuns from "@/app/api/drill-runs/route.ts";
import * as drill from "@/app/api/drills/[id]/route.ts";
import * as drills from "@/app/api/drills/route.ts";
import * as groupDrillRuns from "@/app/api/groups/[id]/drill-runs/route.ts";
import * as groupPreview from "@/app/api/groups/[id]/preview/route.ts";
import * as groupScheduled from "@/app/api/groups/[id]/scheduled-actions/route.ts";
import * as scheduled from "@/app/api/scheduled-actions/[id]/route.ts";
import { refuseBeforeRouting } from "@/lib/http/front-door.ts";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;

/** Each route file under the catalogue path it serves, as the App Router places them. */
export const ROUTE_MODULES: Record<string, RouteModule> = {
  "/api/account/locale": accountLocale,
  "/api/account/password": accountPassword,
  "/api/accounts/{id}/password": accountReset,
  "/api/accounts/{id}": account,
  "/api/accounts": accounts,
  "/api/audit/export": auditExport,
  "/api/audit": audit,
  "/api/alerts/{id}/acknowledge": alertAcknowledge,
  "/api/alerts/webhook": alertWebhook,
  "/api/alerts": alerts,
  "/api/clients/counters": clientCounters,
  "/api/clients/settings": clientSettings,
  "/api/clusters": clusters,
  "/api/enterprise-parameters": enterpriseParameters,
  "/api/events": events,
  "/api/events/stream": eventStream,
  "/api/groups/{id}/actions": groupActions,
  "/api/groups/{id}/ha": groupHa,
  "/api/groups/{id}": group,
  "/api/groups": groups,
  "/api/ha": ha,
  "/api/health": health,
  "/api/console-instances": consoleInstances,
  "/api/lab": lab,
  "/api/nodes/{id}/faults": nodeFaults,
  "/api/nodes/{id}/ha": nodeHa,
  "/api/nodes/{id}": node,
  "/api/nodes/{id}/services/{service}": nodeService,
  "/api/nodes/{id}/services": nodeServices,
  "/api/nodes": nodes,
  "/api/openapi.json": openapi,
  "/api/outage-reports/{id}": outageReport,
  "/api/outage-reports": outageReports,
  "/api/service-parameters": serviceParameters,
  "/api/session": session,
  "/api/tokens/{id}": token,
  "/api/tokens": tokens,
  "/api/topology": topology,
  "/api/users/{id}/client": userClient,
  "/api/users/{id}": user,
  "/api/users/clients": userClients,
  "/api/users/import": usersImport,
  "/api/users": users,
  "/api/drill-runs/{id}/abandon": drillRunAbandon,
  "/api/drill-runs/{id}": drillRun,
  "/api/drill-runs": drillRuns,
  "/api/drills/{id}": drill,
  "/api/drills": drills,
  "/api/groups/{id}/drill-runs": groupDrillRuns,
  "/api/groups/{id}/preview": groupPreview,
  "/api/groups/{id}/scheduled-actions": groupScheduled,
  "/api/scheduled-actions/{id}": scheduled,
};

function match(template: string, segments: string[]): Record<string, string> | null {
  const parts = template.split("/");
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    if (part.startsWith("{")) {
      if (!segments[i]) return null;
      params[part.slice(1, -1)] = segments[i]!;
    } else if (part !== segments[i]) return null;
  }
  return params;
}

export interface RawRequest {
  method: string;
  /** The request target as sent: path and query, percent-encoding untouched. */
  target: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
}

/**
 * Serves a request the way the console's server does: the front door, then
 * the App Router's choice of route file (literal segments before
 * parameters, the catch-all last) with its decoded params.
 */
export async function serve(raw: RawRequest): Promise<Response> {
  const refused = refuseBeforeRouting(raw.method, raw.target);
  if (refused) return new Response(refused.body, { status: refused.status, headers: refused.headers });
  const url = new URL(raw.target, "http://127.0.0.1");
  const segments = url.pathname.split("/").map((s) => decodeURIComponent(s));
  const literals = (t: string) => t.split("/").filter((p) => !p.startsWith("{")).length;
  const candidates = Object.keys(ROUTE_MODULES).sort((a, b) => literals(b) - literals(a));
  let module: RouteModule = catchAll;
  let params: Record<string, string | string[]> = { path: segments.slice(2) };
  for (const template of candidates) {
    const found = match(template, segments);
    if (found) {
      module = ROUTE_MODULES[template]!;
      params = found;
      break;
    }
  }
  const method = raw.method === "HEAD" && !module.HEAD ? "GET" : raw.method;
  const handler = module[method];
  if (!handler) throw new Error(`the front door let ${raw.method} ${raw.target} through to a route without it`);
  const hasBody = raw.body !== undefined && raw.body !== null && method !== "GET" && method !== "HEAD";
  const request = new NextRequest(url, {
    method: raw.method,
    headers: raw.headers,
    ...(hasBody ? { body: raw.body, duplex: "half" } : {}),
  } as NonNullable<ConstructorParameters<typeof NextRequest>[1]>);
  return handler(request, { params: Promise.resolve(params) });
}
