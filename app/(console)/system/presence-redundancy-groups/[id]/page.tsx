import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { notFoundTitle } from "@/components/shell/not-found-title.ts";
import { GroupForm } from "@/components/groups/group-form.tsx";
import { existingGroupId } from "@/lib/server/page-records.ts";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  if ((await existingGroupId((await params).id)) === null) return { title: await notFoundTitle() };
  return { title: (await getTranslations("groups"))("title.configuration") };
}

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const id = await existingGroupId((await params).id);
  if (id === null) notFound();
  return (
    <Suspense>
      <GroupForm key={id} groupId={id} />
    </Suspense>
  );
}
