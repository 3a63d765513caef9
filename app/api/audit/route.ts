import * as endpoints from "@/lib/api/endpoints/accounts.ts";
import { findAudit } from "@/lib/audit/audit-log.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.listAudit, async ({ runtime, query }) => findAudit(runtime.db, query));
