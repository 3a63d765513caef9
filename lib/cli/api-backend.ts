import { CliFailure, type CliBackend, type CliGroupStatus, type CliNode } from "./commands.ts";

export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

export interface ApiBackendOptions {
  /** The console's address, e.g. http://localhost:3000. */
  url: string;
  /** An API token (System > API Tokens). */
  token: string;
  fetch?: Fetch;
}

interface NodePage {
  items: { id: number; hostName: string; softwareVersion: string; cluster: { name: string }; replicationState: number; group: { id: number; name: string } | null }[];
  total: number;
}

/** The largest page the nodes list serves. */
const PAGE_SIZE = 250;

/** The local CLI's way to the console: the JSON API with an API token, as any script would. */
export function apiBackend(opts: ApiBackendOptions): CliBackend {
  const base = opts.url.replace(/\/+$/, "");
  const doFetch: Fetch = opts.fetch ?? ((url, init) => fetch(url, init));

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${opts.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new CliFailure("unavailable", `Cannot reach the console at ${base}: ${(err as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not the console's JSON: reported below by status.
    }
    if (response.ok) return parsed as T;
    const message = (parsed as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) throw new CliFailure("unauthorized", message);
    if (response.status === 404) throw new CliFailure("not_found", message);
    if (response.status === 409) throw new CliFailure("refused", message);
    if (response.status === 400 || response.status === 422) throw new CliFailure("usage", message);
    throw new CliFailure("unavailable", message);
  }

  return {
    async nodes(): Promise<CliNode[]> {
      const nodes: CliNode[] = [];
      for (let page = 1; ; page++) {
        const answer = await request<NodePage>("GET", `/api/nodes?pageSize=${PAGE_SIZE}&page=${page}&sort=hostName`);
        for (const n of answer.items) {
          nodes.push({ id: n.id, hostName: n.hostName, softwareVersion: n.softwareVersion, cluster: n.cluster.name, replicationState: n.replicationState, group: n.group && { id: n.group.id, name: n.group.name } });
        }
        if (answer.items.length === 0 || nodes.length >= answer.total) return nodes;
      }
    },
    groups: async () => (await request<{ groups: CliGroupStatus[] }>("GET", "/api/ha")).groups,
    nodeStatus: (nodeId) => request<CliGroupStatus>("GET", `/api/nodes/${nodeId}/ha`),
    action: (groupId, action, nodeId) =>
      request<CliGroupStatus>("POST", `/api/groups/${groupId}/actions`, action === "recover" ? { action } : { action, node: nodeId }),
    serviceAction: (nodeId, service, action) =>
      request<CliGroupStatus>("POST", `/api/nodes/${nodeId}/services/${encodeURIComponent(service)}`, { action }),
    now: async () => (await request<{ labNow: number }>("GET", "/api/ha")).labNow,
  };
}
