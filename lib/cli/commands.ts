import { replicationMeaning } from "../domain/replication.ts";
import { SERVICE_NAMES } from "../domain/services.ts";

/**
 * The node admin CLI (domain.md §5): the words of a command in, the text the
 * product's CLI would print and a JSON form of the same answer out. Shared by
 * the SSH server (one per node) and the local `prg` binary; each gives it a
 * backend that reaches the HA controller its own way.
 */

export interface CliNode {
  id: number;
  hostName: string;
  softwareVersion: string;
  cluster: string;
  replicationState: number;
  group: { id: number; name: string } | null;
}

export interface CliNodeStatus {
  id: number;
  hostName: string;
  state: string;
  reason: string;
  power: string;
  isolated: boolean;
  services: Record<string, string>;
}

export interface CliGroupStatus {
  groupId: number | null;
  groupName: string;
  haEnabled: boolean;
  nodes: CliNodeStatus[];
}

export type CliHaAction = "failover" | "fallback" | "recover";
export type CliServiceAction = "start" | "stop" | "restart";

/** How a command reaches the console: the controller in process (SSH) or the JSON API (local CLI). */
export interface CliBackend {
  nodes(): Promise<CliNode[]>;
  /** The status of every Presence Redundancy Group. */
  groups(): Promise<CliGroupStatus[]>;
  /** The status of the node's group, or of the node alone when it is in no group. */
  nodeStatus(nodeId: number): Promise<CliGroupStatus>;
  action(groupId: number, action: CliHaAction, nodeId: number | undefined): Promise<CliGroupStatus>;
  serviceAction(nodeId: number, service: string, action: CliServiceAction): Promise<CliGroupStatus>;
  /** Lab time, for `show status`. */
  now(): Promise<number>;
}

/**
 * Why a command failed. `usage`: the words are wrong; `refused`: the state
 * does not allow it now (the API's 409); `not_found`; `unauthorized`;
 * `unavailable`: the console could not be reached.
 */
export type CliFailureKind = "usage" | "refused" | "not_found" | "unauthorized" | "unavailable";

export class CliFailure extends Error {
  constructor(
    readonly kind: CliFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface CliContext {
  /** The node whose CLI this is (SSH), or the one named with --node (local CLI). */
  node?: string;
}

export interface CliAnswer {
  ok: boolean;
  /** What the product's CLI prints, without the prompt. */
  text: string;
  /** The same answer for scripts (`--json`). */
  json: unknown;
  failure?: CliFailureKind;
  /** `exit` or `quit`: the SSH session ends. */
  exit?: boolean;
}

const UNSUCCESSFUL = "Executed command unsuccessfully";

export const HELP_TEXT = [
  "utils ha status [group]            the state and reason of each node of every (or one) subcluster",
  "utils ha failover <node>           manual failover: the node's users move to its peer",
  "utils ha fallback <node>           manual fallback: the node takes its users back",
  "utils ha recover <group>           restart the Server Recovery Manager on both nodes of the subcluster",
  "utils dbreplication status         database replication of each node of the cluster",
  "utils dbreplication runtimestate   replication setup state (0-4) of each node of the cluster",
  "utils service list                 the services of this node and their status",
  "utils service start <service>      start a service on this node (e.g. Cisco XCP Router)",
  "utils service stop <service>       stop a service on this node",
  "utils service restart <service>    restart a service on this node",
  "show status                        this node's host name, version, time and HA state",
  "help                               this list",
  "exit                               end the session",
].join("\n");

/** Splits a typed line into words; double quotes keep spaces, as in `utils service start "Cisco XCP Router"`. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2]!);
  return words;
}

function usage(message: string): never {
  throw new CliFailure("usage", message);
}

const lower = (s: string) => s.toLowerCase();

export function haStatusLines(group: CliGroupStatus): string[] {
  return [
    `Subcluster Name: ${group.groupName}`,
    ...group.nodes.map((n, i) => `Node ${i + 1} Name : ${n.hostName} State: ${n.state} Reason: ${n.reason}`),
  ];
}

const groupJson = (g: CliGroupStatus) => ({
  subcluster: g.groupName,
  groupId: g.groupId,
  haEnabled: g.haEnabled,
  nodes: g.nodes.map((n) => ({ name: n.hostName, state: n.state, reason: n.reason })),
});

function serviceLines(services: Record<string, string>): { name: string; status: string }[] {
  const rank = (name: string) => {
    const i = (SERVICE_NAMES as readonly string[]).indexOf(name);
    return i < 0 ? SERVICE_NAMES.length : i;
  };
  return Object.entries(services)
    .map(([name, status]) => ({ name, status }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

async function findNode(backend: CliBackend, name: string): Promise<CliNode> {
  const node = (await backend.nodes()).find((n) => lower(n.hostName) === lower(name));
  if (!node) throw new CliFailure("not_found", `Invalid node name: ${name}`);
  return node;
}

async function thisNode(backend: CliBackend, ctx: CliContext): Promise<CliNode> {
  if (!ctx.node) usage("This command runs on a node: name it with --node <host name>");
  return findNode(backend, ctx.node);
}

/** The nodes this CLI speaks for: the cluster of its node, or every cluster from the local CLI without --node. */
async function clusterNodes(backend: CliBackend, ctx: CliContext): Promise<CliNode[]> {
  const nodes = await backend.nodes();
  if (!ctx.node) return nodes;
  const self = nodes.find((n) => lower(n.hostName) === lower(ctx.node!));
  if (!self) throw new CliFailure("not_found", `Invalid node name: ${ctx.node}`);
  return nodes.filter((n) => n.cluster === self.cluster);
}

async function haStatus(backend: CliBackend, ctx: CliContext, groupName?: string): Promise<CliAnswer> {
  const inScope = new Set((await clusterNodes(backend, ctx)).map((n) => n.id));
  let groups = (await backend.groups()).filter((g) => g.nodes.some((n) => inScope.has(n.id)));
  if (groupName !== undefined) {
    groups = groups.filter((g) => lower(g.groupName) === lower(groupName));
    if (groups.length === 0) throw new CliFailure("not_found", `Invalid subcluster name: ${groupName}`);
  }
  const text = groups.length === 0 ? "No Presence Redundancy Group is configured" : groups.map((g) => haStatusLines(g).join("\n")).join("\n\n");
  return { ok: true, text, json: { subclusters: groups.map(groupJson) } };
}

const ACTION_WORD: Record<CliHaAction, string> = { failover: "Failover", fallback: "Fallback", recover: "Recover" };

async function haNodeAction(backend: CliBackend, ctx: CliContext, action: "failover" | "fallback", name: string): Promise<CliAnswer> {
  const node = await findNode(backend, name);
  if (!(await clusterNodes(backend, ctx)).some((n) => n.id === node.id)) {
    throw new CliFailure("not_found", `Invalid node name: ${name} is not in this cluster`);
  }
  if (!node.group) throw new CliFailure("refused", `${node.hostName} is in no Presence Redundancy Group: there is no peer to ${action} to`);
  const after = await backend.action(node.group.id, action, node.id);
  return {
    ok: true,
    text: [`Initiate Manual ${ACTION_WORD[action]} for Node >${node.hostName}<`, "Request SUCCESSFUL.", ...haStatusLines(after)].join("\n"),
    json: { action, node: node.hostName, result: "SUCCESSFUL", subcluster: groupJson(after) },
  };
}

async function haRecover(backend: CliBackend, ctx: CliContext, groupName: string): Promise<CliAnswer> {
  const inScope = new Set((await clusterNodes(backend, ctx)).map((n) => n.id));
  const group = (await backend.groups()).find((g) => lower(g.groupName) === lower(groupName) && g.nodes.some((n) => inScope.has(n.id)));
  if (!group || group.groupId === null) throw new CliFailure("not_found", `Invalid subcluster name: ${groupName}`);
  const after = await backend.action(group.groupId, "recover", undefined);
  return {
    ok: true,
    text: [`Initiate Manual Recover for Subcluster >${group.groupName}<`, "Request SUCCESSFUL.", ...haStatusLines(after)].join("\n"),
    json: { action: "recover", subcluster: groupJson(after), result: "SUCCESSFUL" },
  };
}

async function dbReplication(backend: CliBackend, ctx: CliContext, which: "status" | "runtimestate"): Promise<CliAnswer> {
  const nodes = [...(await clusterNodes(backend, ctx))].sort((a, b) => a.cluster.localeCompare(b.cluster) || a.id - b.id);
  const rows = nodes.map((n) => ({
    server: n.hostName,
    cluster: n.cluster,
    replicationState: n.replicationState,
    meaning: replicationMeaning(n.replicationState),
  }));
  const pad = (s: string, w: number) => s.padEnd(w);
  const width = Math.max(11, ...rows.map((r) => r.server.length)) + 2;
  const lines: string[] = [];
  for (const cluster of [...new Set(rows.map((r) => r.cluster))]) {
    const mine = rows.filter((r) => r.cluster === cluster);
    const bad = mine.filter((r) => r.replicationState !== 2);
    if (which === "runtimestate") {
      lines.push(`Cluster Replication State: ${bad.length === 0 ? "Replication is good" : "Replication is bad in the cluster"}`);
      lines.push("", `Cluster Detailed View from ${ctx.node ?? mine[0]!.server} (${mine.length} Servers):`, "");
      lines.push(`${pad("SERVER-NAME", width)}REPLICATION SETUP (RTMT) & Details`);
      lines.push(`${pad("-----------", width)}----------------------------------`);
      for (const r of mine) lines.push(`${pad(r.server, width)}(${r.replicationState}) ${r.meaning}`);
    } else {
      lines.push(`Cluster ${cluster}: ${mine.length} servers, ${bad.length === 0 ? "all replicating (state 2)" : `${bad.length} not replicating`}`);
      lines.push(`${pad("SERVER-NAME", width)}STATE  STATUS`);
      for (const r of mine) lines.push(`${pad(r.server, width)}${pad(String(r.replicationState), 7)}${r.replicationState === 2 ? "Connected" : "Not connected"}`);
    }
    lines.push("");
  }
  return { ok: true, text: lines.join("\n").trimEnd(), json: { servers: rows } };
}

async function ownStatus(backend: CliBackend, node: CliNode): Promise<CliNodeStatus> {
  const status = await backend.nodeStatus(node.id);
  const self = status.nodes.find((n) => n.id === node.id);
  if (!self) throw new CliFailure("not_found", `Invalid node name: ${node.hostName}`);
  return self;
}

async function serviceList(backend: CliBackend, ctx: CliContext): Promise<CliAnswer> {
  const node = await thisNode(backend, ctx);
  const services = serviceLines((await ownStatus(backend, node)).services);
  return {
    ok: true,
    text: ["Requesting service status, please wait...", ...services.map((s) => `${s.name}[${s.status}]`)].join("\n"),
    json: { node: node.hostName, services },
  };
}

async function serviceControl(backend: CliBackend, ctx: CliContext, action: CliServiceAction, words: string[]): Promise<CliAnswer> {
  if (words.length === 0) usage(`utils service ${action} needs a service name, e.g. utils service ${action} Cisco XCP Router`);
  const node = await thisNode(backend, ctx);
  const typed = words.join(" ");
  const known = Object.keys((await ownStatus(backend, node)).services);
  const service = known.find((s) => lower(s) === lower(typed));
  if (!service) throw new CliFailure("not_found", `Invalid service name: ${typed}`);
  const after = await backend.serviceAction(node.id, service, action);
  const status = after.nodes.find((n) => n.id === node.id)?.services[service] ?? "UNKNOWN";
  const verb = { start: "Starting", stop: "Stopping", restart: "Restarting" }[action];
  return {
    ok: true,
    text: [`Service Manager is running`, `${verb} ${service}`, `${service}[${status}]`].join("\n"),
    json: { node: node.hostName, service, action, status },
  };
}

async function showStatus(backend: CliBackend, ctx: CliContext): Promise<CliAnswer> {
  const node = await thisNode(backend, ctx);
  const [self, now] = await Promise.all([ownStatus(backend, node), backend.now()]);
  const json = {
    hostName: node.hostName,
    date: new Date(now).toISOString(),
    productVersion: node.softwareVersion,
    cluster: node.cluster,
    subcluster: node.group?.name ?? null,
    haState: self.state,
    haReason: self.reason,
  };
  const text = [
    `Host Name    : ${json.hostName}`,
    `Date         : ${json.date} (lab time)`,
    `Product Ver  : ${json.productVersion}`,
    `Cluster      : ${json.cluster}`,
    `Subcluster   : ${json.subcluster ?? "(none)"}`,
    `HA State     : ${json.haState}${json.haReason ? ` (${json.haReason})` : ""}`,
  ].join("\n");
  return { ok: true, text, json };
}

function expectArgs(words: string[], count: number, form: string) {
  if (words.length < count) usage(`Too few parameters: ${form}`);
  if (words.length > count) usage(`Too many parameters: ${form}`);
}

async function dispatch(words: string[], backend: CliBackend, ctx: CliContext): Promise<CliAnswer> {
  const [w0, w1, w2] = words.slice(0, 3).map(lower);
  const tail = words.slice(3);
  if (w0 === "help" || w0 === "?") return { ok: true, text: HELP_TEXT, json: { commands: HELP_TEXT.split("\n").map((l) => l.trim()) } };
  if (w0 === "exit" || w0 === "quit") return { ok: true, text: "", json: {}, exit: true };
  if (w0 === "show" && w1 === "status") {
    expectArgs(words.slice(2), 0, "show status");
    return showStatus(backend, ctx);
  }
  if (w0 === "utils" && w1 === "ha") {
    if (w2 === "status") {
      if (tail.length > 1) usage("Too many parameters: utils ha status [group]");
      return haStatus(backend, ctx, tail[0]);
    }
    if (w2 === "failover" || w2 === "fallback") {
      expectArgs(tail, 1, `utils ha ${w2} <node>`);
      return haNodeAction(backend, ctx, w2, tail[0]!);
    }
    if (w2 === "recover") {
      expectArgs(tail, 1, "utils ha recover <group>");
      return haRecover(backend, ctx, tail[0]!);
    }
  }
  if (w0 === "utils" && w1 === "dbreplication" && (w2 === "status" || w2 === "runtimestate")) {
    expectArgs(tail, 0, `utils dbreplication ${w2}`);
    return dbReplication(backend, ctx, w2);
  }
  if (w0 === "utils" && w1 === "service") {
    if (w2 === "list") {
      expectArgs(tail, 0, "utils service list");
      return serviceList(backend, ctx);
    }
    if (w2 === "start" || w2 === "stop" || w2 === "restart") return serviceControl(backend, ctx, w2, tail);
  }
  throw new CliFailure("usage", "No valid command entered");
}

/** Runs one command; every failure becomes the CLI's own error text, never a stack trace. */
export async function runCommand(words: string[], backend: CliBackend, ctx: CliContext = {}): Promise<CliAnswer> {
  if (words.length === 0) return { ok: true, text: "", json: {} };
  try {
    return await dispatch(words, backend, ctx);
  } catch (err) {
    const failure =
      err instanceof CliFailure ? err : new CliFailure("unavailable", "The command could not be completed; see the console's log");
    if (!(err instanceof CliFailure)) console.error(err);
    return {
      ok: false,
      text: `${UNSUCCESSFUL}\n${failure.message}`,
      json: { error: { kind: failure.kind, message: failure.message } },
      failure: failure.kind,
    };
  }
}
