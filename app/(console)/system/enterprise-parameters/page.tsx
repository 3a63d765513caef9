import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EnterpriseParameters } from "@/components/parameters/enterprise-parameters.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("params-pages"))("title.enterprise") };
}

export default function EnterpriseParametersPage() {
  return <EnterpriseParameters />;
}
