import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { errorBodySchema, ERROR_STATUS } from "../http/errors.ts";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import type { Endpoint } from "./endpoint.ts";
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

function register(registry: OpenAPIRegistry, ep: Endpoint) {
  const status = ep.status ?? 200;
  const errors = new Set<number>([...(ep.errors ?? []), 500]);
  if (ep.auth) errors.add(401);
  if (ep.body) [400, 422].forEach((s) => errors.add(s));
  if (ep.query) errors.add(422);
  registry.registerPath({
    method: ep.method.toLowerCase() as Lowercase<Endpoint["method"]>,
    path: ep.path,
    summary: ep.summary,
    tags: [ep.tag],
    security: ep.auth ? [{ session: [] }] : [],
    request: {
      ...(ep.params ? { params: ep.params as never } : {}),
      ...(ep.query ? { query: ep.query as never } : {}),
      ...(ep.body ? { body: { content: { "application/json": { schema: ep.body } } } } : {}),
    },
    responses: {
      [status]:
        status === 204
          ? { description: STATUS_TEXT[204]! }
          : { description: STATUS_TEXT[status]!, content: { "application/json": { schema: ep.response } } },
      ...Object.fromEntries([...errors].sort().map((s) => [s, errorResponse(s)])),
    },
  });
}

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
      description: "Presence Redundancy Groups and the Server Recovery Manager of Cisco IM and Presence, as served by prg-console.",
    },
  });
}
