import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { NOT_FOUND_TITLE } from "@/components/shell/not-found-content.tsx";
import { GroupForm } from "@/components/groups/group-form.tsx";
import { existingGroupId } from "@/lib/server/page-records.ts";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await existingGroupId((await params).id)) === null ? NOT_FOUND_TITLE : "Presence Redundancy Group Configuration" };
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
