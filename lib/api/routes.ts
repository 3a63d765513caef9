import type { HttpMethod } from "./endpoint.ts";
import { ALL_ENDPOINTS } from "./endpoints/index.ts";

interface Route {
  template: string[];
  methods: Set<HttpMethod>;
}

const routes: Route[] = [];
for (const ep of ALL_ENDPOINTS) {
  const template = ep.path.split("/");
  const known = routes.find((r) => r.template.join("/") === ep.path);
  if (known) known.methods.add(ep.method);
  else routes.push({ template, methods: new Set([ep.method]) });
}

function matches(template: string[], segments: string[]): boolean {
  return template.length === segments.length && template.every((part, i) => (part.startsWith("{") ? segments[i] !== "" : part === segments[i]));
}

/**
 * The methods the API answers on a path, as the catalogue declares them
 * (HEAD wherever GET, and OPTIONS), or null when no operation has that path.
 * `pathname` is matched segment by segment after decoding, as the router does.
 */
export function allowedMethods(pathname: string): string[] | null {
  const segments = pathname.split("/").map((s) => decodeURIComponent(s));
  // A literal segment wins over a parameter, as in the router: /api/users/import is not user "import".
  const literals = (r: Route) => r.template.filter((part) => !part.startsWith("{")).length;
  const route = routes.filter((r) => matches(r.template, segments)).sort((a, b) => literals(b) - literals(a))[0];
  if (!route) return null;
  const methods: string[] = [...route.methods];
  if (route.methods.has("GET")) methods.push("HEAD");
  methods.push("OPTIONS");
  return methods.sort();
}
