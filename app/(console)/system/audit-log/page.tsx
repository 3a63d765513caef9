import type { Metadata } from "next";
import { AuditLog } from "@/components/accounts/audit-log.tsx";
import { NotPermitted } from "@/components/shell/not-permitted.tsx";
import { can } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/http/current-user.ts";

export const metadata: Metadata = { title: "Audit Log" };

export default async function AuditLogPage() {
  const user = await requireUser();
  if (!can(user.role, "accounts")) return <NotPermitted title="Audit Log" role={user.role} permission="accounts" />;
  return <AuditLog />;
}
