import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ServerList } from "@/components/servers/server-list.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("servers"))("title.list") };
}

export default function ServerListPage() {
  return (
    <Suspense>
      <ServerList />
    </Suspense>
  );
}
