import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/auth/change-password-form.tsx";
import { requireUser } from "@/lib/http/current-user.ts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("changePassword.title") };
}

/** Outside the console's layout, so an account that must change its password reaches it and nothing else. */
export default async function ChangePasswordPage() {
  const user = await requireUser();
  const t = await getTranslations("auth");
  return (
    <main className="login-page">
      <div className="login-card">
        <div className="banner-logo" aria-hidden>
          cisco
        </div>
        <h1>{t("changePassword.heading", { username: user.username })}</h1>
        <ChangePasswordForm forced={user.mustChangePassword} />
      </div>
    </main>
  );
}
