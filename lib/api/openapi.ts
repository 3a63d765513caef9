import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { errorBodySchema, ERROR_STATUS } from "../http/errors.ts";
import { PERMISSIONS, ROLE_LABELS, rolesWith } from "../auth/roles.ts";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import { DEFAULT_BODY_LIMIT, formatBytes, type Endpoint } from "./endpoint.ts";
import { ALL_ENDPOINTS } from "./endpoints/index.ts";

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  ...Object.fromEntries(Object.entries(ERROR_STATUS).map(([code, status]) => [status, code.replace(/_/g, " ")])),
};

function errorResponse(status: number) {
  return { description: STATUS_TEXT[status] ?? "Error", content: { "application/json": { schema: errorBodySchema } } };
}

/**
 * Every status an operation can answer: its success, its own rules
 * (`errors`), and those that follow from its shape in the route wrapper
 * (lib/http/route.ts) and the front door (lib/http/front-door.ts).
 */
function documentedStatuses(ep: Endpoint): number[] {
  const statuses = new Set<number>([ep.status ?? 200, ...(ep.errors ?? []), 500]);
  if (ep.auth) statuses.add(401);
  // A role without the permission, or an account whose password was reset, is refused any signed-in operation.
  if (ep.auth || ep.method !== "GET") statuses.add(403);
  // A path param that is not valid percent-encoding is malformed; one that names no record is 404.
  if (ep.params) [400, 404].forEach((s) => statuses.add(s));
  if (ep.body) [400, 413, 422].forEach((s) => statuses.add(s));
  if (ep.query) statuses.add(422);
  return [...statuses].sort((a, b) => a - b);
}

function register(registry: OpenAPIRegistry, ep: Endpoint) {
  const status = ep.status ?? 200;
  const bodyLimit = ep.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const success =
    status === 204
      ? { description: STATUS_TEXT[204]! }
      : { description: STATUS_TEXT[status]!, content: { [ep.responseType ?? "application/json"]: { schema: ep.response } } };
  registry.registerPath({
    method: ep.method.toLowerCase() as Lowercase<Endpoint["method"]>,
    path: ep.path,
    operationId: ep.operationId,
    summary: ep.summary,
    ...(ep.auth ? { description: `Permission \`${ep.permission}\` (${PERMISSIONS[ep.permission]}): ${rolesWith(ep.permission).map((r) => ROLE_LABELS[r]).join(", ")}.` } : {}),
    tags: [ep.tag],
    security: ep.auth ? [{ session: [] }] : [],
    request: {
      ...(ep.params ? { params: ep.params as never } : {}),
      ...(ep.query ? { query: ep.query as never } : {}),
      ...(ep.body
        ? {
            body: {
              required: true,
              description: `JSON, sent with Content-Type: application/json; at most ${formatBytes(bodyLimit)} (413 beyond).`,
              content: { "application/json": { schema: ep.body } },
            },
          }
        : {}),
    },
    responses: {
      ...Object.fromEntries(documentedStatuses(ep).map((s) => [s, s === status ? success : errorResponse(s)])),
    },
  });
}

const CONVENTIONS = [
  "Presence Redundancy Groups and the Server Recovery Manager of Cisco IM and Presence, as served by prg-console.",
  "Every answer of 400 or more has the body `{ error: { code, message, fields?, current? } }`.",
  "A method a path does not have answers 405 with `Allow` listing those it has; OPTIONS answers 204 with `Allow`.",
  "A path that is not valid percent-encoded UTF-8 answers 400. Writes from another origin (Origin, or Referer without Origin) answer 403.",
  "Each operation names the permission it needs; an account (or its API token) whose role lacks it is answered 403. Roles: Super User (everything), Operator (HA actions, faults and lab settings, services, alerts, end users), Read-only (reads only).",
  `Request bodies are at most ${formatBytes(DEFAULT_BODY_LIMIT)} unless an operation says otherwise; larger ones answer 413 before they are read.`,
].join("\n\n");

/** Generated from the same zod schemas the route handlers validate with. */
export function buildOpenApiDocument(endpoints: Endpoint[] = ALL_ENDPOINTS) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: SESSION_COOKIE });
  for (const ep of endpoints) register(registry, ep);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "prg-console API",
      version: "1.0.0",
      description: CONVENTIONS,
    },
  });
}
