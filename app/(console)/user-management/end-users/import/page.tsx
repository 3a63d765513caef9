import { UserImport } from "@/components/users/user-import.tsx";

export default function ImportUsersPage() {
  return <UserImport />;
}
