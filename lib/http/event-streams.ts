import type { Session } from "../auth/sessions.ts";
import type { ClientFleet } from "../clients/fleet.ts";
import { changeEvent } from "../ha/change-event.ts";
import type { HaController } from "../ha/controller.ts";
import { ApiError } from "./errors.ts";

/** Open event streams one session may hold: a page each, several tabs, never thousands. */
export const STREAMS_PER_SESSION = 8;
/** How often an open stream asks whether its session was ended elsewhere (another process, the shell). */
export const SESSION_RECHECK_MS = 30_000;

type Close = () => void;

// Sign-out and the stream are served by different route bundles, so the
// streams open per session live on the process, under a registered symbol.
const REGISTRY = Symbol.for("prg-console.event-streams");
const scope = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, Set<Close>> };
const openStreams = (scope[REGISTRY] ??= new Map<string, Set<Close>>());

/** Ends every event stream of a session; called when it signs out. */
export function closeEventStreams(sessionKey: string) {
  for (const close of [...(openStreams.get(sessionKey) ?? [])]) close();
}

function admit(sessionKey: string, close: Close): () => void {
  const streams = openStreams.get(sessionKey) ?? new Set<Close>();
  if (streams.size >= STREAMS_PER_SESSION) {
    throw new ApiError(
      "too_many_requests",
      `At most ${STREAMS_PER_SESSION} event streams may be open per session; close another page of the console first`,
    );
  }
  streams.add(close);
  openStreams.set(sessionKey, streams);
  return () => {
    streams.delete(close);
    if (streams.size === 0 && openStreams.get(sessionKey) === streams) openStreams.delete(sessionKey);
  };
}

const encoder = new TextEncoder();
/** Longer delays overflow Node's timers and fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Server-sent events for one session: `change` whenever the controller
 * persists a step, `clients` with the JSM counters when they change (at
 * most once a second), and `tick` every second with the lab time, so open pages
 * update at once and their countdowns stay in step with lab time. The stream
 * ends when the client goes, the session signs out or expires, or
 * `sessionIsOpen` finds it ended by other means.
 */
export function eventStreamResponse(
  controller: HaController,
  session: Session,
  signal: AbortSignal,
  sessionIsOpen: () => Promise<boolean>,
  clients?: Pick<ClientFleet, "onCounters">,
): Response {
  let end: Close = () => {};
  const release = admit(session.key, () => end());
  const stream = new ReadableStream<Uint8Array>({
    start(sink) {
      let ended = false;
      const send = (event: string, data: unknown) => {
        try {
          sink.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          end();
        }
      };
      const tick = () => send("tick", { labNow: controller.clock.now(), speed: controller.labSettings.speed });
      const interval = setInterval(tick, 1000);
      const unsubscribeChanges = controller.onChange((notice) => send("change", changeEvent(notice)));
      const unsubscribeCounters = clients?.onCounters((counters) => send("clients", { nodes: counters })) ?? (() => {});
      const unsubscribe = () => {
        unsubscribeChanges();
        unsubscribeCounters();
      };
      const expiry = setTimeout(() => end(), Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt.getTime() - Date.now())));
      const recheck = setInterval(() => {
        sessionIsOpen().then(
          (open) => open || end(),
          () => {}, // a database hiccup is not a sign-out; the next check decides
        );
      }, SESSION_RECHECK_MS);
      end = () => {
        if (ended) return;
        ended = true;
        clearInterval(interval);
        clearTimeout(expiry);
        clearInterval(recheck);
        unsubscribe();
        release();
        signal.removeEventListener("abort", end);
        try {
          sink.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", end);
      if (signal.aborted) return end();
      tick();
    },
    cancel() {
      end();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
}
