import type { Metadata } from "next";
import { UserForm } from "@/components/users/user-form.tsx";

export const metadata: Metadata = { title: "Add New End User" };

export default function NewEndUserPage() {
  return <UserForm />;
}
