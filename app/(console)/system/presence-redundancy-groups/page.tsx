import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { GroupList } from "@/components/groups/group-list.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title.list") };
}

export default function GroupListPage() {
  return (
    <Suspense>
      <GroupList />
    </Suspense>
  );
}
