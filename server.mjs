// The console's server: Next.js behind the front door (lib/http/front-door.ts),
// which needs the socket of each request — the address sign-in throttling
// keys on — and answers malformed paths and unsupported methods before the
// router. `next start` would serve the pages too, but without either.
import { createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { parseArgs } from "node:util";
import next from "next";
import { tlsOptionsFromEnv } from "./lib/http/tls.mjs";

const { values } = parseArgs({
  options: { hostname: { type: "string", short: "H" }, port: { type: "string", short: "p" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
// Read before Next.js starts, so a wrong path stops the start at once.
const tls = tlsOptionsFromEnv(process.env);

const app = next({ dev: false, hostname, port });
const route = app.getRequestHandler();
await app.prepare();

const frontDoor = globalThis[Symbol.for("prg-console.front-door")];
if (!frontDoor) throw new Error("The front door was not installed: run `npm run build` first");

const handler = (req, res) => frontDoor.handle(req, res, () => route(req, res));
const server = tls ? createTlsServer(tls, handler) : createServer(handler);
server.on("clientError", (_error, socket) => frontDoor.refuseUnparseable(socket));
server.listen(port, hostname, () => {
  console.log(`prg-console ready on ${tls ? "https" : "http"}://${hostname ?? "localhost"}:${port}`);
});
