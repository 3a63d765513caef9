import type { Metadata } from "next";
import { Suspense } from "react";
import { ServerList } from "@/components/servers/server-list.tsx";

export const metadata: Metadata = { title: "Find and List Servers" };

export default function ServerListPage() {
  return (
    <Suspense>
      <ServerList />
    </Suspense>
  );
}
