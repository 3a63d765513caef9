import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form.tsx";
import { requireUser } from "@/lib/http/current-user.ts";

export const metadata: Metadata = { title: "Change Password" };

/** Outside the console's layout, so an account that must change its password reaches it and nothing else. */
export default async function ChangePasswordPage() {
  const user = await requireUser();
  return (
    <main className="login-page">
      <div className="login-card">
        <div className="banner-logo" aria-hidden>
          cisco
        </div>
        <h1>Change Password: {user.username}</h1>
        <ChangePasswordForm forced={user.mustChangePassword} />
      </div>
    </main>
  );
}
