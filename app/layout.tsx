import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers.tsx";
import "./globals.css";

const PRODUCT = "Cisco Unified CM IM and Presence Administration";

export const metadata: Metadata = {
  title: { default: PRODUCT, template: `%s | ${PRODUCT}` },
  description: "Presence Redundancy Groups and Server Recovery Manager console",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
