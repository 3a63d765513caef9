import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UserForm } from "@/components/users/user-form.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title.new") };
}

export default function NewEndUserPage() {
  return <UserForm />;
}
