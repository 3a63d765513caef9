import { getTranslations } from "next-intl/server";
import { ActiveAlertCount } from "../alerts/active-alert-count.tsx";
import { LanguagePicker } from "./language-picker.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

export async function ConsoleHeader({ username, role }: { username: string; role: string }) {
  const t = await getTranslations("shell");
  return (
    <header className="banner">
      <div className="banner-brand">
        <span className="banner-logo" aria-hidden>
          cisco
        </span>
        <div>
          <div className="banner-title">Cisco Unified CM IM and Presence Administration</div>
          <div className="banner-subtitle">{t("subtitle")}</div>
        </div>
      </div>
      <div className="banner-user">
        <ActiveAlertCount />
        <span data-testid="signed-in-user">{username}</span> <span data-testid="signed-in-role">({role})</span>
        <LanguagePicker />
        <a href="/change-password">{t("changePassword")}</a>
        <SignOutButton />
      </div>
    </header>
  );
}
