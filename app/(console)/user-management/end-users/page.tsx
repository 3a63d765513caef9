import { Suspense } from "react";
import { UserList } from "@/components/users/user-list.tsx";

export default function EndUserListPage() {
  return (
    <Suspense>
      <UserList />
    </Suspense>
  );
}
