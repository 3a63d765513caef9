import { notFound } from "next/navigation";
import { Suspense } from "react";
import { GroupForm } from "@/components/groups/group-form.tsx";

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return (
    <Suspense>
      <GroupForm key={id} groupId={id} />
    </Suspense>
  );
}
