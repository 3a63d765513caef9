import { UserForm } from "@/components/users/user-form.tsx";

export default function NewEndUserPage() {
  return <UserForm />;
}
