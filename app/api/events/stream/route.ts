import { eventStream } from "@/lib/api/endpoints/ha.ts";
import { sessionIsOpen } from "@/lib/auth/sessions.ts";
import { eventStreamResponse } from "@/lib/http/event-streams.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(eventStream, async ({ runtime, session, request }) =>
  eventStreamResponse(runtime.controller, session, request.signal, () => sessionIsOpen(runtime.db, session.key), runtime.clients),
);
