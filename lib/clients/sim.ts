/**
 * Simulated Jabber clients (domain.md §6, §7): which connection each signed-in
 * user's client holds, and when it comes back after the SRM moves its user.
 *
 * Nothing here arms a timer. Each client records the lab time its active and
 * inactive connections are (re)established; each node keeps counts of the
 * connections still pending, keyed by due lab second. The counters at lab
 * time t are the node's clients minus the pending counts due after t, so
 * 150,000 clients cost the controller no wake-ups, only the work of a move.
 */

export const CLIENT_KINDS = ["desktop", "mobile", "ios-background"] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface ClientProfile {
  kind: ClientKind;
  /** Secure XMPP client mode; the unrestricted (XU) build never holds dual connections. */
  secure: boolean;
  /** Dual registration on the client side (server HA stays on either way). */
  dual: boolean;
}

export const DEFAULT_PROFILE: ClientProfile = { kind: "desktop", secure: true, dual: true };

/**
 * How fast a backup node recreates JSM sessions for users it took over:
 * 15,000 users in 15 minutes, the middle of the documented 10–20 minutes.
 */
export const JSM_RECREATE_PER_SECOND = 15_000 / (15 * 60);

/**
 * Temporary presence subscriptions (domain.md §7). A watcher is a client that
 * searched for a user outside its roster and holds a temporary subscription
 * to that user's presence, on the node serving the watcher. Nothing documents
 * how many clients do: this share of clients (chosen by a hash of the user id
 * and the seed, so the same users every run) are watchers, and each searched
 * when it logged in.
 */
export const TEMP_WATCHER_SHARE = 0.2;
/** The documented minimum between two searches of the same user. */
export const SEARCH_INTERVAL_MS = 30_000;
/**
 * How long a watcher whose client is online again takes to notice the stale
 * presence and search again (uniform, not documented): the search happens a
 * random 0–60 s after the client is back, and never sooner than 30 s after its
 * previous search of the same user.
 */
export const RESEARCH_DELAY_MS = 60_000;

/** Connections come up on whole lab seconds: the counts per second are the buckets. */
const SECOND = 1000;
const ceilSecond = (t: number) => Math.ceil(t / SECOND) * SECOND;

export interface NodeInfo {
  /** The other node of its HA-enabled group, or null (HA off, one node, no group). */
  peer: number | null;
  reloginLowerMs: number;
  reloginUpperMs: number;
  /** 2 with Multiple Device Messaging in the node's cluster: failover takes twice as long. */
  slowdown: number;
}

/** Counts of connections due after some lab time, keyed by due second. */
export class DueCounts {
  private byDue = new Map<number, number>();
  /** Every count due at or before this time has been dropped. */
  private settled = -Infinity;
  private total = 0;

  add(due: number) {
    if (due <= this.settled) return;
    this.byDue.set(due, (this.byDue.get(due) ?? 0) + 1);
    this.total++;
  }

  remove(due: number) {
    const n = this.byDue.get(due);
    if (n === undefined) return;
    if (n === 1) this.byDue.delete(due);
    else this.byDue.set(due, n - 1);
    this.total--;
  }

  /** How many are due after `t`; lab time only moves forward, so what is due by then is dropped. */
  after(t: number): number {
    if (t < this.settled) {
      let n = 0;
      for (const [due, c] of this.byDue) if (due > t) n += c;
      return n;
    }
    for (const [due, c] of this.byDue) {
      if (due <= t) {
        this.byDue.delete(due);
        this.total -= c;
      }
    }
    this.settled = t;
    return this.total;
  }
}

type Wait = "none" | "relogin" | "push";

export interface Client {
  id: number;
  profile: ClientProfile;
  assigned: number | null;
  node: number | null;
  /** When its active connection to `node` is (or was) established. */
  activeAt: number;
  wait: Wait;
  inactiveTo: number | null;
  inactiveAt: number;
  /** Holds temporary presence subscriptions (a share of clients, TEMP_WATCHER_SHARE). */
  watcher: boolean;
  /** Lab time of its last search, done or scheduled: its temporary subscriptions hold from then on. */
  searchedAt: number;
  /** The search before `searchedAt` (-Infinity if none): a move before `searchedAt` cancels that search. */
  previousSearchAt: number;
}

interface Ledger {
  served: Set<Client>;
  relogin: DueCounts;
  push: DueCounts;
  /** Clients that hold or are opening an inactive connection to this node. */
  dualTo: number;
  inactive: DueCounts;
  /** Watchers served by this node whose temporary subscriptions were dropped, keyed by the lab time they search again. */
  stale: DueCounts;
}

export interface NodeCounters {
  ActiveJsmSessions: number;
  InactiveJsmSessions: number;
  JsmSessionsComposed: number;
  JsmSessionsClient: number;
  JsmSessionsClientInactive: number;
  /** Clients of users this node serves that are not connected: waiting to re-login, or for a push. */
  waitingRelogin: number;
  waitingPush: number;
  /** Clients of the peer's users still opening their inactive connection to this node. */
  openingInactive: number;
  /** Watchers served by this node that see stale presence: a move dropped their temporary subscriptions and they have not searched again. */
  stalePresence: number;
  clients: number;
}

/** One client's fate in a move: how long it was offline, and what it waited for. */
export interface MovedClient {
  outageMs: number;
  wait: Wait;
  /** How long it saw stale presence (until it searched again); null if it held no temporary subscription. */
  staleMs: number | null;
}

/** Small, fast and seedable (mulberry32): the same seed gives the same delays, so tests are deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NO_NODE: NodeInfo = { peer: null, reloginLowerMs: 120_000, reloginUpperMs: 537_000, slowdown: 1 };

export class ClientSim {
  readonly clients = new Map<number, Client>();
  private ledgers = new Map<number, Ledger>();
  private nodes = new Map<number, NodeInfo>();
  /** Nodes that serve no user now (powered off, isolated, critical services stopped): no connection to them holds. */
  private down = new Set<number>();
  private random: () => number;
  /** Its own stream, so watchers do not change the connection delays a seed gives. */
  private searchRandom: () => number;

  constructor(
    private seed = 1,
    private watcherShare = TEMP_WATCHER_SHARE,
  ) {
    this.random = seededRandom(seed);
    this.searchRandom = seededRandom(seed ^ 0x5ea4c4);
  }

  private isWatcher(id: number): boolean {
    return seededRandom(Math.imul(id, 0x9e3779b1) ^ this.seed)() < this.watcherShare;
  }

  private ledger(nodeId: number): Ledger {
    let l = this.ledgers.get(nodeId);
    if (!l) {
      l = { served: new Set(), relogin: new DueCounts(), push: new DueCounts(), dualTo: 0, inactive: new DueCounts(), stale: new DueCounts() };
      this.ledgers.set(nodeId, l);
    }
    return l;
  }

  private info(nodeId: number): NodeInfo {
    return this.nodes.get(nodeId) ?? NO_NODE;
  }

  private between(lowerMs: number, upperMs: number): number {
    return lowerMs + this.random() * Math.max(0, upperMs - lowerMs);
  }

  nodeInfo(nodeId: number): NodeInfo {
    return this.info(nodeId);
  }

  /** Whether these are the nodes, peers and limits the simulation has already. */
  hasNodes(nodes: Map<number, NodeInfo>): boolean {
    if (nodes.size !== this.nodes.size) return false;
    for (const [id, n] of nodes) {
      const mine = this.nodes.get(id);
      if (!mine || (Object.keys(n) as (keyof NodeInfo)[]).some((k) => mine[k] !== n[k])) return false;
    }
    return true;
  }

  /**
   * New pairs, limits or HA settings. Clients whose backup changed drop their
   * inactive connection and open one to the new backup, as after a login.
   */
  setNodes(nodes: Map<number, NodeInfo>, at: number) {
    const changed = [...new Set([...nodes.keys(), ...this.nodes.keys()])].filter(
      (id) => this.nodes.get(id)?.peer !== nodes.get(id)?.peer,
    );
    this.nodes = new Map(nodes);
    for (const id of changed) {
      for (const c of this.ledgers.get(id)?.served ?? []) {
        this.dropInactive(c);
        this.openInactive(c, Math.max(at, c.activeAt));
      }
    }
  }

  private dualCapable(c: Client): boolean {
    return c.profile.secure && c.profile.dual && c.profile.kind !== "ios-background";
  }

  /** A dual-capable client opens its inactive connection to the backup a random Lower–Upper after it is active. */
  private openInactive(c: Client, from: number) {
    if (c.node === null || !this.dualCapable(c)) return;
    const info = this.info(c.node);
    if (info.peer === null || this.down.has(info.peer)) return;
    c.inactiveTo = info.peer;
    c.inactiveAt = ceilSecond(from + this.between(info.reloginLowerMs, info.reloginUpperMs));
    const l = this.ledger(info.peer);
    l.dualTo++;
    l.inactive.add(c.inactiveAt);
  }

  private dropInactive(c: Client) {
    if (c.inactiveTo === null) return;
    const l = this.ledger(c.inactiveTo);
    l.dualTo--;
    l.inactive.remove(c.inactiveAt);
    c.inactiveTo = null;
  }

  private detach(c: Client) {
    if (c.node === null) return;
    const l = this.ledger(c.node);
    l.served.delete(c);
    if (c.wait === "relogin") l.relogin.remove(c.activeAt);
    if (c.wait === "push") l.push.remove(c.activeAt);
    if (c.watcher) l.stale.remove(c.searchedAt);
  }

  private attach(c: Client) {
    if (c.node === null) return;
    const l = this.ledger(c.node);
    l.served.add(c);
    if (c.wait === "relogin") l.relogin.add(c.activeAt);
    if (c.wait === "push") l.push.add(c.activeAt);
    if (c.watcher) l.stale.add(c.searchedAt);
  }

  /**
   * Whether a node serves users now. Going down drops every inactive
   * connection to it; coming back, the clients of its peer's users open
   * theirs again a random Lower–Upper later.
   */
  setUp(nodeId: number, up: boolean, at: number) {
    if (up !== this.down.has(nodeId)) return;
    const peer = this.info(nodeId).peer;
    if (up) this.down.delete(nodeId);
    else this.down.add(nodeId);
    if (peer === null) return;
    for (const c of this.ledgers.get(peer)?.served ?? []) {
      if (!up && c.inactiveTo === nodeId) this.dropInactive(c);
      if (up && c.inactiveTo === null) this.openInactive(c, Math.max(at, c.activeAt));
    }
  }

  /** A signed-in user's client logs in to the node serving it, at once. */
  login(id: number, profile: ClientProfile, assigned: number | null, node: number | null, at: number) {
    this.remove(id);
    const c: Client = {
      id,
      profile,
      assigned,
      node,
      activeAt: at,
      wait: "none",
      inactiveTo: null,
      inactiveAt: 0,
      watcher: this.isWatcher(id),
      searchedAt: at,
      previousSearchAt: -Infinity,
    };
    this.clients.set(id, c);
    this.attach(c);
    this.openInactive(c, at);
  }

  /** The user signed out, was deleted, or its client was changed: its connections go. */
  remove(id: number) {
    const c = this.clients.get(id);
    if (!c) return;
    this.detach(c);
    this.dropInactive(c);
    this.clients.delete(id);
  }

  setAssigned(id: number, assigned: number | null) {
    const c = this.clients.get(id);
    if (c) c.assigned = assigned;
  }

  /**
   * The SRM (or the Sync Agent) moved users served by `from` (assigned to
   * `assignedTo`, if given) to `to` at lab time `at`. A client holding an
   * established inactive connection to `to` activates it at once; an iOS
   * client in the background waits until `to` recreates its JSM session
   * (sessions of all moved users are recreated in random order at
   * JSM_RECREATE_PER_SECOND); any other client is disconnected and logs in
   * again a random Lower–Upper of `to` later. Multiple Device Messaging
   * doubles both waits.
   */
  move(from: number, to: number, at: number, assignedTo?: number): MovedClient[] {
    const moving = [...(this.ledgers.get(from)?.served ?? [])].filter((c) => assignedTo === undefined || c.assigned === assignedTo);
    return this.moveClients(moving, to, at);
  }

  /** Moves the given clients (users re-assigned outside the SRM, e.g. by the Sync Agent). */
  moveIds(ids: number[], to: number, at: number): MovedClient[] {
    const moving = ids.map((id) => this.clients.get(id)).filter((c): c is Client => c !== undefined && c.node !== to);
    return this.moveClients(moving, to, at);
  }

  private moveClients(moving: Client[], to: number, at: number): MovedClient[] {
    const info = this.info(to);
    const recreateMs = ((moving.length / JSM_RECREATE_PER_SECOND) * SECOND * info.slowdown);
    const out: MovedClient[] = [];
    for (const c of moving) {
      this.detach(c);
      const activates = c.inactiveTo === to && c.inactiveAt <= at;
      this.dropInactive(c);
      c.node = to;
      if (activates) {
        c.activeAt = at;
        c.wait = "none";
      } else if (c.profile.kind === "ios-background") {
        c.activeAt = ceilSecond(at + this.random() * recreateMs);
        c.wait = "push";
      } else {
        c.activeAt = ceilSecond(at + this.between(info.reloginLowerMs, info.reloginUpperMs) * info.slowdown);
        c.wait = "relogin";
      }
      const staleMs = c.watcher ? this.dropSubscriptions(c, at) : null;
      out.push({ outageMs: c.activeAt - at, wait: c.wait, staleMs });
      this.attach(c);
      this.openInactive(c, c.activeAt);
    }
    return out;
  }

  /**
   * The move dropped the watcher's temporary subscriptions: it sees stale
   * presence until it searches again, once its client is online, and at least
   * SEARCH_INTERVAL_MS after its last search that happened (a search scheduled
   * after `at` did not: the subscription it would have made is gone too).
   */
  private dropSubscriptions(c: Client, at: number): number {
    const last = c.searchedAt <= at ? c.searchedAt : c.previousSearchAt;
    const next = ceilSecond(Math.max(c.activeAt + this.searchRandom() * RESEARCH_DELAY_MS, last + SEARCH_INTERVAL_MS));
    c.previousSearchAt = last;
    c.searchedAt = next;
    return next - at;
  }

  /**
   * A node's counters at lab time `t` (never earlier than a previous call's,
   * except for reports). A node that cannot serve users holds no connection.
   */
  counters(nodeId: number, t: number, up: boolean): NodeCounters {
    const l = this.ledger(nodeId);
    const waitingRelogin = l.relogin.after(t);
    const waitingPush = l.push.after(t);
    const active = up ? l.served.size - waitingRelogin - waitingPush : 0;
    const openingInactive = l.inactive.after(t);
    const inactive = up ? l.dualTo - openingInactive : 0;
    const stalePresence = l.stale.after(t);
    return {
      ActiveJsmSessions: active,
      InactiveJsmSessions: inactive,
      JsmSessionsComposed: active + inactive,
      JsmSessionsClient: active,
      JsmSessionsClientInactive: inactive,
      waitingRelogin,
      waitingPush,
      openingInactive,
      stalePresence,
      clients: l.served.size,
    };
  }

  /** Whether a client is connected at `t`: "active", "relogin" or "push" (waiting), "none" (no client). */
  clientState(id: number, t: number): "active" | "relogin" | "push" | "none" {
    const c = this.clients.get(id);
    if (!c || c.node === null) return "none";
    return c.activeAt <= t || c.wait === "none" ? "active" : c.wait;
  }
}
