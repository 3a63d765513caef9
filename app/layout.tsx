import type { Metadata } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers.tsx";
import "./globals.css";

// The product's own name, which Cisco does not translate in either edition.
const PRODUCT = "Cisco Unified CM IM and Presence Administration";

// Simplified Chinese is named as such, so screen readers and fonts pick Hans glyphs.
const htmlLang: Record<string, string> = { en: "en", ja: "ja", zh: "zh-Hans" };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: { default: PRODUCT, template: `%s | ${PRODUCT}` }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so its scripts carry that response's CSP nonce (proxy.ts); a prerendered page would have none and not run.
  await connection();
  return (
    <html lang={htmlLang[await getLocale()] ?? "en"}>
      <body>
        <NextIntlClientProvider>
          <Providers>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
