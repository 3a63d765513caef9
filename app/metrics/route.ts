import { scrapeAccess } from "@/lib/metrics/scrape-access.ts";
import { getRuntime } from "@/lib/server/runtime.ts";

export const dynamic = "force-dynamic";

/** Prometheus scrape target; see README "Metrics". */
export async function GET(request: Request): Promise<Response> {
  const access = scrapeAccess(process.env.METRICS_TOKEN, request.headers.get("authorization"));
  if (access === "off") return new Response("Not Found\n", { status: 404, headers: { "content-type": "text/plain" } });
  if (access === "refused") {
    return new Response("Send Authorization: Bearer <METRICS_TOKEN>\n", {
      status: 401,
      headers: { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { metrics } = await getRuntime();
  return new Response(await metrics.registry.metrics(), { headers: { "content-type": metrics.registry.contentType } });
}
