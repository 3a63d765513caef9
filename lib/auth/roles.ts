/**
 * The one place that says what each console role may do. The API's route
 * wrapper checks an operation's declared permission here, and pages ask the
 * same functions to hide or disable what the signed-in role cannot do.
 */

export const ROLES = ["super_user", "operator", "read_only"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  super_user: "Super User",
  operator: "Operator",
  read_only: "Read-only",
};

/**
 * What an operation needs. `view` is any signed-in account; `self` is an
 * account acting on itself (its password, its API tokens, signing out), which
 * every role may do; `public` needs no account at all (health, sign-in).
 */
export const PERMISSIONS = {
  public: "Open without signing in",
  view: "See every page and read every record",
  self: "Change one's own password, API tokens and sign out",
  ha_actions: "Failover, Fallback and Recover",
  faults: "Inject and clear lab faults, change the lab settings",
  services: "Start, stop and restart services",
  alerts: "Acknowledge alerts",
  end_users: "Add, delete and import end users",
  inventory: "Add, edit and delete nodes and Presence Redundancy Groups",
  parameters: "Change service and enterprise parameters",
  accounts: "Manage console accounts and read the audit log",
} as const;
export type Permission = keyof typeof PERMISSIONS;

const OPERATOR: Permission[] = ["public", "view", "self", "ha_actions", "faults", "services", "alerts", "end_users"];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  super_user: new Set(Object.keys(PERMISSIONS) as Permission[]),
  operator: new Set(OPERATOR),
  read_only: new Set<Permission>(["public", "view", "self"]),
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** Why the role may not do it, for a 403 message or a disabled control's hint; null when it may. */
export function refusal(role: Role, permission: Permission): string | null {
  if (can(role, permission)) return null;
  return `The ${ROLE_LABELS[role]} role may not do this (${PERMISSIONS[permission].toLowerCase()})`;
}

/** The roles that hold a permission, for the API document. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}
