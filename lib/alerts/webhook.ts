import type { Db } from "../db/client.ts";
import { writeScope } from "../params/store.ts";
import type { AlertDeliveryView, AlertView } from "../schemas/alerts.ts";

export type AlertEvent = "raised" | "cleared";

export interface WebhookOptions {
  db: Db;
  fetch?: typeof fetch;
  /** Wait before the second attempt; each later one waits twice as long. */
  backoffMs?: number;
  maxAttempts?: number;
  /** One attempt's limit: a receiver that never answers counts as failed. */
  timeoutMs?: number;
}

const SCOPE = "alerts";
const URL_KEY = "webhookUrl";
/** The delivery log the page shows. */
const LOG_LIMIT = 100;

export async function readWebhookUrl(db: Db): Promise<string | null> {
  const row = await db.setting.findUnique({ where: { scope_key: { scope: SCOPE, key: URL_KEY } } });
  const value = row ? (JSON.parse(row.value) as unknown) : null;
  return typeof value === "string" && value !== "" ? value : null;
}

export async function writeWebhookUrl(db: Db, url: string | null, actor: string): Promise<void> {
  await writeScope(db, SCOPE, { [URL_KEY]: url ?? "" }, actor);
}

export async function listDeliveries(db: Db): Promise<AlertDeliveryView[]> {
  const rows = await db.alertDelivery.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: LOG_LIMIT });
  return rows.map((r) => ({ ...r, event: r.event as AlertEvent, outcome: r.outcome as AlertDeliveryView["outcome"], at: r.at.toISOString() }));
}

/** The wait after failed attempt `attempt` (1-based): base, 2×base, 4×base… */
export function backoffDelay(attempt: number, baseMs: number): number {
  return baseMs * 2 ** (attempt - 1);
}

/**
 * Posts each raised or cleared alert to the webhook URL set on Alert
 * Central, retrying with exponential backoff, and logs every attempt. Each
 * delivery runs on its own, after the alert is recorded and off the
 * controller's turn: a failing or slow receiver delays nothing else.
 */
export class WebhookDelivery {
  private inFlight = new Set<Promise<void>>();
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private abort = new AbortController();
  private stopped = false;
  private readonly fetch: typeof fetch;
  private readonly backoffMs: number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;

  constructor(private opts: WebhookOptions) {
    this.fetch = opts.fetch ?? fetch;
    this.backoffMs = opts.backoffMs ?? 1000;
    this.maxAttempts = opts.maxAttempts ?? 6;
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  /** Returns at once; the delivery goes on in the background. */
  enqueue(event: AlertEvent, alert: AlertView): void {
    if (this.stopped) return;
    const run = this.deliver(event, alert).catch((err: unknown) => console.error(err));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Resolves when every delivery begun so far has succeeded or given up (tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** No new attempts; waits out nothing: pending retries are dropped and attempts in flight aborted. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
      this.abort.signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }

  private async deliver(event: AlertEvent, alert: AlertView) {
    const url = await readWebhookUrl(this.opts.db);
    if (!url) return;
    const body = JSON.stringify({ event, alert });
    for (let attempt = 1; attempt <= this.maxAttempts && !this.stopped; attempt++) {
      let httpStatus: number | null = null;
      let error: string | null = null;
      try {
        const response = await this.fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "prg-console-alerts" },
          body,
          redirect: "manual",
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.timeoutMs)]),
        });
        httpStatus = response.status;
        await response.body?.cancel();
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (err) {
        error = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
      }
      const outcome = error === null ? "delivered" : attempt < this.maxAttempts && !this.stopped ? "retrying" : "failed";
      await this.opts.db.alertDelivery.create({ data: { alertId: alert.id, event, url, attempt, outcome, httpStatus, error } });
      if (outcome !== "retrying") return;
      await this.sleep(backoffDelay(attempt, this.backoffMs));
    }
  }
}
