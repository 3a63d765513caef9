import type { ReactNode } from "react";
import { LiveUpdates } from "@/components/ha/live.tsx";
import { ConsoleHeader } from "@/components/shell/console-header.tsx";
import { MenuBar } from "@/components/shell/menu-bar.tsx";
import { requireUser } from "@/lib/http/current-user.ts";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <LiveUpdates>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <ConsoleHeader username={user.username} />
      <MenuBar />
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </LiveUpdates>
  );
}
