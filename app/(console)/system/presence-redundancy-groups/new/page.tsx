import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { GroupForm } from "@/components/groups/group-form.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title.new") };
}

export default function NewGroupPage() {
  return (
    <Suspense>
      <GroupForm groupId={null} />
    </Suspense>
  );
}
