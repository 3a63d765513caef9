import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { UserList } from "@/components/users/user-list.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title.list") };
}

export default function EndUserListPage() {
  return (
    <Suspense>
      <UserList />
    </Suspense>
  );
}
