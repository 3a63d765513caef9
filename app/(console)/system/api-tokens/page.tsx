import type { Metadata } from "next";
import { ApiTokens } from "@/components/tokens/api-tokens.tsx";

export const metadata: Metadata = { title: "API Tokens" };

export default function ApiTokensPage() {
  return <ApiTokens />;
}
