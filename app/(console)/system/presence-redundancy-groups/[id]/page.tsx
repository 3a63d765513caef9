import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { GroupForm } from "@/components/groups/group-form.tsx";
import { existingGroupId } from "@/lib/server/page-records.ts";

export const metadata: Metadata = { title: "Presence Redundancy Group Configuration" };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const id = await existingGroupId((await params).id);
  if (id === null) notFound();
  return (
    <Suspense>
      <GroupForm key={id} groupId={id} />
    </Suspense>
  );
}
