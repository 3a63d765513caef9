import { eventStream } from "@/lib/api/endpoints/ha.ts";
import { handle } from "@/lib/http/route.ts";

const encoder = new TextEncoder();

/**
 * Server-sent events: `change` whenever the controller persists a step, and
 * `tick` every second with the lab time, so open pages update at once and
 * their countdowns stay in step with lab time.
 */
export const GET = handle(eventStream, async ({ runtime, request }) => {
  const { controller } = runtime;
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(sink) {
      const send = (event: string, data: unknown) => {
        try {
          sink.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          cleanup();
        }
      };
      const tick = () => send("tick", { labNow: controller.clock.now(), speed: controller.labSettings.speed });
      tick();
      const interval = setInterval(tick, 1000);
      const unsubscribe = controller.onChange((notice) => send("change", notice));
      cleanup = () => {
        clearInterval(interval);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          sink.close();
        } catch {
          // already closed by the client
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
});
