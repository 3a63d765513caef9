import * as endpoints from "@/lib/api/endpoints/alerts.ts";
import { listDeliveries, readWebhookUrl, writeWebhookUrl } from "@/lib/alerts/webhook.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getAlertWebhook, async ({ runtime }) => ({
  url: await readWebhookUrl(runtime.db),
  deliveries: await listDeliveries(runtime.db),
}));

export const PUT = handle(endpoints.setAlertWebhook, async ({ body, runtime, user }) => {
  await writeWebhookUrl(runtime.db, body.url === "" ? null : body.url, user.username);
  return { url: await readWebhookUrl(runtime.db), deliveries: await listDeliveries(runtime.db) };
});
