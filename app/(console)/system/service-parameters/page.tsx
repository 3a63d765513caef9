import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ServiceParameters } from "@/components/parameters/service-parameters.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("params-pages"))("title.service") };
}

export default function ServiceParametersPage() {
  return <ServiceParameters />;
}
