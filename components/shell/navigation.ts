import { can, type Permission, type Role } from "@/lib/auth/roles.ts";

/** The console's menus; only pages that exist are listed. */
export interface MenuItem {
  /** The item's message in the shell catalogue, under `menu.`. */
  key: string;
  href: string;
  /** Shown only to roles with this permission (lib/auth/roles.ts). */
  permission?: Permission;
}
export interface Menu {
  key: string;
  items: MenuItem[];
}

export const MENUS: Menu[] = [
  {
    key: "system",
    items: [
      { key: "server", href: "/system/server" },
      { key: "groups", href: "/system/presence-redundancy-groups" },
      { key: "haStatus", href: "/system/high-availability" },
      { key: "serviceParameters", href: "/system/service-parameters" },
      { key: "enterpriseParameters", href: "/system/enterprise-parameters" },
      { key: "apiTokens", href: "/system/api-tokens" },
      { key: "applicationUsers", href: "/system/application-users", permission: "accounts" },
      { key: "auditLog", href: "/system/audit-log", permission: "accounts" },
    ],
  },
  { key: "userManagement", items: [{ key: "endUser", href: "/user-management/end-users" }, { key: "presenceTopology", href: "/user-management/presence-topology" }] },
  {
    key: "serviceability",
    items: [
      { key: "controlCenter", href: "/serviceability/control-center" },
      { key: "alertCentral", href: "/serviceability/alert-central" },
    ],
  },
];

/** The menus as the role sees them: items it has no permission for are left out. */
export function menusFor(role: Role): Menu[] {
  return MENUS.map((m) => ({ ...m, items: m.items.filter((i) => !i.permission || can(role, i.permission)) }));
}
