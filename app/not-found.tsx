import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFoundTitle } from "@/components/shell/not-found-title.ts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await notFoundTitle() };
}

/** Outside the console's pages (the console's own not-found page is inside its shell). */
export default async function NotFound() {
  const t = await getTranslations("shell");
  return (
    <main className="login-page">
      <div className="login-card">
        <h1>{t("notFound.title")}</h1>
        <p>{t("notFound.outside")}</p>
        <p>
          <Link href="/">{t("notFound.goToConsole")}</Link>
        </p>
      </div>
    </main>
  );
}
