import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AlertCentral } from "@/components/alerts/alert-central.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

export default function AlertCentralPage() {
  return <AlertCentral />;
}
