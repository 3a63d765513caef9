import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditLog } from "@/components/accounts/audit-log.tsx";
import { NotPermitted } from "@/components/shell/not-permitted.tsx";
import { can } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/http/current-user.ts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("title.auditLog") };
}

export default async function AuditLogPage() {
  const user = await requireUser();
  if (!can(user.role, "accounts")) return <NotPermitted title={(await getTranslations("accounts"))("title.auditLog")} role={user.role} permission="accounts" />;
  return <AuditLog />;
}
