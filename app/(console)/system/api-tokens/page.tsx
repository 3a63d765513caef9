import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiTokens } from "@/components/tokens/api-tokens.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tokens"))("title") };
}

export default function ApiTokensPage() {
  return <ApiTokens />;
}
