import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers.tsx";
import "./globals.css";

const PRODUCT = "Cisco Unified CM IM and Presence Administration";

export const metadata: Metadata = {
  title: { default: PRODUCT, template: `%s | ${PRODUCT}` },
  description: "Presence Redundancy Groups and Server Recovery Manager console",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so its scripts carry that response's CSP nonce (proxy.ts); a prerendered page would have none and not run.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
