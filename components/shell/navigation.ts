import { can, type Permission, type Role } from "@/lib/auth/roles.ts";

/** The console's menus; only pages that exist are listed. */
export interface MenuItem {
  label: string;
  href: string;
  /** Shown only to roles with this permission (lib/auth/roles.ts). */
  permission?: Permission;
}
export interface Menu {
  label: string;
  items: MenuItem[];
}

export const MENUS: Menu[] = [
  {
    label: "System",
    items: [
      { label: "Server", href: "/system/server" },
      { label: "Presence Redundancy Groups", href: "/system/presence-redundancy-groups" },
      { label: "High Availability Status", href: "/system/high-availability" },
      { label: "Service Parameters", href: "/system/service-parameters" },
      { label: "Enterprise Parameters", href: "/system/enterprise-parameters" },
      { label: "API Tokens", href: "/system/api-tokens" },
      { label: "Application Users", href: "/system/application-users", permission: "accounts" },
      { label: "Audit Log", href: "/system/audit-log", permission: "accounts" },
    ],
  },
  { label: "User Management", items: [{ label: "End User", href: "/user-management/end-users" }, { label: "Presence Topology", href: "/user-management/presence-topology" }] },
  {
    label: "Serviceability",
    items: [
      { label: "Control Center - Network Services", href: "/serviceability/control-center" },
      { label: "Alert Central", href: "/serviceability/alert-central" },
    ],
  },
];

/** The menus as the role sees them: items it has no permission for are left out. */
export function menusFor(role: Role): Menu[] {
  return MENUS.map((m) => ({ ...m, items: m.items.filter((i) => !i.permission || can(role, i.permission)) }));
}
