import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ControlCenter } from "@/components/serviceability/control-center.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("serviceability"))("title") };
}

export default function ControlCenterPage() {
  return <ControlCenter />;
}
