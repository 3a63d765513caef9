// A console instance without the web server: the same runtime (lease,
// controller, forwarded requests, change fan-out) driven over stdin/stdout,
// one JSON object a line. The multi-process tests and the cluster benchmark
// spawn it (`tsx lib/cluster/worker-process.ts`) with DATABASE_URL set.
// Replies are `@@` + JSON, so they stand apart from the runtime's own log lines.
import readline from "node:readline";
import { toApiError } from "../http/errors.ts";
import { startRuntime } from "../server/runtime.ts";
import type { Command } from "./commands.ts";

type Message = { id: number } & (
  | { op: "health" }
  | { op: "command"; command: Command }
  | { op: "status"; groupId: number }
  | { op: "changes" }
  | { op: "close" }
);

const send = (value: unknown) => process.stdout.write(`@@${JSON.stringify(value)}\n`);

const runtime = await startRuntime(undefined, () => {});
// Change notices seen here (the leader's own, or relayed to a follower): the fan-out under test.
let changes = 0;
runtime.controller.onChange(() => changes++);
send({ ready: true, instance: runtime.cluster?.instance ?? null });

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line) as Message;
  void (async () => {
    try {
      switch (msg.op) {
        case "health":
          return send({ id: msg.id, ok: true, result: runtime.health() });
        case "command":
          return send({ id: msg.id, ok: true, result: await runtime.command(msg.command) });
        case "status":
          return send({ id: msg.id, ok: true, result: runtime.controller.groupStatus(msg.groupId) });
        case "changes":
          return send({ id: msg.id, ok: true, result: changes });
        case "close":
          await runtime.close();
          send({ id: msg.id, ok: true, result: null });
          process.exit(0);
      }
    } catch (err) {
      const e = toApiError(err);
      send({ id: msg.id, ok: false, status: e.status, body: e.toBody() });
    }
  })();
});
