import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function LoginPage() {
  const t = await getTranslations("auth");
  return (
    <main className="login-page">
      <div className="login-card">
        <div className="banner-logo" aria-hidden>
          cisco
        </div>
        <h1>Cisco Unified CM IM and Presence Administration</h1>
        <noscript>
          <p className="status-error">{t("needsScript")}</p>
        </noscript>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
