import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ServerForm } from "@/components/servers/server-form.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("servers"))("title.new") };
}

export default function NewServerPage() {
  return <ServerForm />;
}
