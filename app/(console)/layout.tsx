import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LiveUpdates } from "@/components/ha/live.tsx";
import { ConsoleHeader } from "@/components/shell/console-header.tsx";
import { MenuBar } from "@/components/shell/menu-bar.tsx";
import { RoleProvider } from "@/components/shell/role.tsx";
import { requireUser } from "@/lib/http/current-user.ts";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations("shell");
  const names = await getTranslations("errors");
  // An administrator reset this password: nothing else until the account chooses its own.
  if (user.mustChangePassword) redirect("/change-password");
  return (
    <RoleProvider role={user.role}>
    <LiveUpdates>
      <a className="skip-link" href="#main">
        {t("skipToMain")}
      </a>
      <ConsoleHeader username={user.username} role={names(`role.${user.role}`)} />
      <MenuBar />
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </LiveUpdates>
    </RoleProvider>
  );
}
