import type { Metadata } from "next";
import { ApplicationUsers } from "@/components/accounts/application-users.tsx";
import { NotPermitted } from "@/components/shell/not-permitted.tsx";
import { can } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/http/current-user.ts";

export const metadata: Metadata = { title: "Application Users" };

export default async function ApplicationUsersPage() {
  const user = await requireUser();
  if (!can(user.role, "accounts")) return <NotPermitted title="Application Users" role={user.role} permission="accounts" />;
  return <ApplicationUsers me={user.username} />;
}
