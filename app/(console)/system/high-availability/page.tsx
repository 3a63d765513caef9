import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HaOverview } from "@/components/ha/ha-overview.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("shell"))("menu.haStatus") };
}

export default function HighAvailabilityPage() {
  return <HaOverview />;
}
