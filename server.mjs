// The console's server: Next.js behind the front door (lib/http/front-door.ts),
// which needs the socket of each request — the address sign-in throttling
// keys on — and answers malformed paths and unsupported methods before the
// router. `next start` would serve the pages too, but without either.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({
  options: { hostname: { type: "string", short: "H" }, port: { type: "string", short: "p" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

const app = next({ dev: false, hostname, port });
const route = app.getRequestHandler();
await app.prepare();

const frontDoor = globalThis[Symbol.for("prg-console.front-door")];
if (!frontDoor) throw new Error("The front door was not installed: run `npm run build` first");

const server = createServer((req, res) => frontDoor.handle(req, res, () => route(req, res)));
server.on("clientError", (_error, socket) => frontDoor.refuseUnparseable(socket));
server.listen(port, hostname, () => {
  console.log(`prg-console ready on http://${hostname ?? "localhost"}:${port}`);
});
