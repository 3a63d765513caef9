/**
 * The Cisco Server Recovery Manager service parameters, defined once: the
 * Service Parameter Configuration page, the API, validation and the HA
 * controller all read this list. Cisco publishes no ranges; these are sane
 * ones (ports outside the well-known range, timers positive and bounded).
 */
export type ParameterScope = "cluster" | "node";

interface Base<K extends string> {
  key: K;
  name: string;
  scope: ParameterScope;
  help: string;
}
export interface IntegerParameter<K extends string = string> extends Base<K> {
  type: "integer";
  default: number;
  min: number;
  max: number;
  unit: "seconds" | "port";
}
export interface BooleanParameter<K extends string = string> extends Base<K> {
  type: "boolean";
  default: boolean;
}
export type ParameterDefinition = IntegerParameter | BooleanParameter;

export const SRM_PARAMETERS = [
  {
    key: "servicePort",
    name: "Service Port",
    scope: "cluster",
    type: "integer",
    default: 22001,
    min: 1024,
    max: 65535,
    unit: "port",
    help: "The port the Server Recovery Manager uses to talk to its peer.",
  },
  {
    key: "adminRpcPort",
    name: "Admin RPC Port",
    scope: "cluster",
    type: "integer",
    default: 20075,
    min: 1024,
    max: 65535,
    unit: "port",
    help: "The port the Server Recovery Manager serves admin RPC requests on.",
  },
  {
    key: "criticalServiceDownDelay",
    name: "Critical Service Down Delay",
    scope: "cluster",
    type: "integer",
    default: 90,
    min: 1,
    max: 3600,
    unit: "seconds",
    help: "How long a critical service may be down before failover starts.",
  },
  {
    key: "enableAutomaticFallback",
    name: "Enable Automatic Fallback",
    scope: "cluster",
    type: "boolean",
    default: false,
    help: "When True, users are moved back to the primary node 30 minutes after it returns to a healthy state.",
  },
  {
    key: "initializationKeepAliveTimeout",
    name: "Initialization Keep Alive (Heartbeat) Timeout",
    scope: "cluster",
    type: "integer",
    default: 120,
    min: 1,
    max: 3600,
    unit: "seconds",
    help: "Heartbeat loss tolerated during initialization before failover.",
  },
  {
    key: "keepAliveTimeout",
    name: "Keep Alive (Heartbeat) Timeout",
    scope: "cluster",
    type: "integer",
    default: 60,
    min: 1,
    max: 3600,
    unit: "seconds",
    help: "Heartbeat loss tolerated before failover.",
  },
  {
    key: "keepAliveInterval",
    name: "Keep Alive (Heartbeat) Interval",
    scope: "cluster",
    type: "integer",
    default: 15,
    min: 1,
    max: 3600,
    unit: "seconds",
    help: "Time between heartbeats sent to the peer; must be below the Keep Alive Timeout.",
  },
  {
    key: "monitorXcpAuthentication",
    name: "Enable monitoring of XCP Authentication Service",
    scope: "cluster",
    type: "boolean",
    default: false,
    help: "When True, a failure of Cisco XCP Authentication Service also triggers automatic failover.",
  },
  {
    key: "clientReloginLowerLimit",
    name: "Client Re-Login Lower Limit",
    scope: "node",
    type: "integer",
    default: 120,
    min: 0,
    max: 7200,
    unit: "seconds",
    help: "Minimum seconds a client waits before re-login to this server. Guidance: equal to the Critical Service Down Delay.",
  },
  {
    key: "clientReloginUpperLimit",
    name: "Client Re-Login Upper Limit",
    scope: "node",
    type: "integer",
    default: 537,
    min: 0,
    max: 7200,
    unit: "seconds",
    help: "Maximum seconds a client waits before re-login to this server: about how long all clients take to re-login after a failover.",
  },
] as const satisfies readonly ParameterDefinition[];

type Defs = (typeof SRM_PARAMETERS)[number];
type ValueOf<D> = D extends { type: "boolean" } ? boolean : number;
type ByScope<S extends ParameterScope> = Extract<Defs, { scope: S }>;

export type ClusterParameters = { [D in ByScope<"cluster"> as D["key"]]: ValueOf<D> };
export type NodeParameters = { [D in ByScope<"node"> as D["key"]]: ValueOf<D> };
export type ClusterParameterKey = keyof ClusterParameters;
export type NodeParameterKey = keyof NodeParameters;

function defaults<S extends ParameterScope>(scope: S) {
  return Object.fromEntries(SRM_PARAMETERS.filter((p) => p.scope === scope).map((p) => [p.key, p.default]));
}
export const DEFAULT_CLUSTER_PARAMETERS = defaults("cluster") as ClusterParameters;
export const DEFAULT_NODE_PARAMETERS = defaults("node") as NodeParameters;

/** Automatic fallback happens this long after the primary is healthy again. */
export const AUTOMATIC_FALLBACK_DELAY_SECONDS = 30 * 60;
