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
    ],
  },
  {
    label: "Serviceability",
    items: [{ label: "Control Center - Network Services", href: "/serviceability/control-center" }],
  },
];
