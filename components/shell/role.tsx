"use client";

import { createContext, useContext, type ReactNode } from "react";
import { can, PERMISSIONS, refusal, ROLE_LABELS, rolesWith, type Permission, type Role } from "@/lib/auth/roles.ts";

const RoleContext = createContext<Role>("read_only");

/** Gives the pages the signed-in account's role, so they ask lib/auth/roles.ts what it may do, as the API does. */
export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export function useRole(): Role {
  return useContext(RoleContext);
}

/** Whether the signed-in role may do it, and if not why (for a disabled control's title). */
export function useCan(permission: Permission): { allowed: boolean; why: string | undefined } {
  const role = useRole();
  return { allowed: can(role, permission), why: refusal(role, permission) ?? undefined };
}

/** Says, once on a page, why its controls are disabled; nothing when the role may act. */
export function RoleNotice({ permission }: { permission: Permission }) {
  const role = useRole();
  if (can(role, permission)) return null;
  return (
    <p className="role-notice" role="note">
      Signed in as {ROLE_LABELS[role]}: you can see this page but not change it. {PERMISSIONS[permission]}: {rolesWith(permission).map((r) => ROLE_LABELS[r]).join(" or ")}{" "}
      only.
    </p>
  );
}
