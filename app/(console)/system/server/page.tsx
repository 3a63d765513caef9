import { Suspense } from "react";
import { ServerList } from "@/components/servers/server-list.tsx";

export default function ServerListPage() {
  return (
    <Suspense>
      <ServerList />
    </Suspense>
  );
}
