import type { Metadata } from "next";
import { Suspense } from "react";
import { UserList } from "@/components/users/user-list.tsx";

export const metadata: Metadata = { title: "Find and List Users" };

export default function EndUserListPage() {
  return (
    <Suspense>
      <UserList />
    </Suspense>
  );
}
