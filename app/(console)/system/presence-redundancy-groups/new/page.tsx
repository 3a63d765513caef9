import type { Metadata } from "next";
import { Suspense } from "react";
import { GroupForm } from "@/components/groups/group-form.tsx";

export const metadata: Metadata = { title: "Add New Presence Redundancy Group" };

export default function NewGroupPage() {
  return (
    <Suspense>
      <GroupForm groupId={null} />
    </Suspense>
  );
}
