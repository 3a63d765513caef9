import * as endpoints from "@/lib/api/endpoints/accounts.ts";
import { exportAuditCsv } from "@/lib/audit/audit-log.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.exportAudit, async ({ runtime, query }) => {
  const csv = await exportAuditCsv(runtime.db, query);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="audit-log-${day}.csv"` },
  });
});
