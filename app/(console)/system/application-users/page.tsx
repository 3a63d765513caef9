import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApplicationUsers } from "@/components/accounts/application-users.tsx";
import { NotPermitted } from "@/components/shell/not-permitted.tsx";
import { can } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/http/current-user.ts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("title.applicationUsers") };
}

export default async function ApplicationUsersPage() {
  const user = await requireUser();
  if (!can(user.role, "accounts")) return <NotPermitted title={(await getTranslations("accounts"))("title.applicationUsers")} role={user.role} permission="accounts" />;
  return <ApplicationUsers me={user.username} />;
}
