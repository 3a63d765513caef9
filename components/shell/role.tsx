"use client";

import { useFormatter, useTranslations } from "next-intl";
import { createContext, useContext, type ReactNode } from "react";
import { can, refusal, rolesWith, type Permission, type Role } from "@/lib/auth/roles.ts";

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
  const t = useTranslations("shell");
  // Role and permission names are the API's too (its 403 messages): one catalogue entry each, in errors.
  const names = useTranslations("errors");
  const format = useFormatter();
  if (can(role, permission)) return null;
  return (
    <p className="role-notice" role="note">
      {t("roleNotice", {
        role: names(`role.${role}`),
        roles: format.list(rolesWith(permission).map((r) => names(`role.${r}`)), { type: "disjunction" }),
        permission: names(`permission.${permission}`),
      })}
    </p>
  );
}
