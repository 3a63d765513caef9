/** The console's menus; only pages that exist are listed. */
export interface MenuItem {
  label: string;
  href: string;
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
