import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UserImport } from "@/components/users/user-import.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title.import") };
}

export default function ImportUsersPage() {
  return <UserImport />;
}
