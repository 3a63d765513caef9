import type { Metadata } from "next";
import { UserImport } from "@/components/users/user-import.tsx";

export const metadata: Metadata = { title: "Import Users" };

export default function ImportUsersPage() {
  return <UserImport />;
}
