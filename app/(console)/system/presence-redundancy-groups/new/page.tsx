import { Suspense } from "react";
import { GroupForm } from "@/components/groups/group-form.tsx";

export default function NewGroupPage() {
  return (
    <Suspense>
      <GroupForm groupId={null} />
    </Suspense>
  );
}
