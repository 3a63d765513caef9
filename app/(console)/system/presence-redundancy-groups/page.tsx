import { Suspense } from "react";
import { GroupList } from "@/components/groups/group-list.tsx";

export default function GroupListPage() {
  return (
    <Suspense>
      <GroupList />
    </Suspense>
  );
}
