import type { Metadata } from "next";
import { Suspense } from "react";
import { GroupList } from "@/components/groups/group-list.tsx";

export const metadata: Metadata = { title: "Find and List Presence Redundancy Groups" };

export default function GroupListPage() {
  return (
    <Suspense>
      <GroupList />
    </Suspense>
  );
}
