import { ActiveAlertCount } from "../alerts/active-alert-count.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

export function ConsoleHeader({ username, role }: { username: string; role: string }) {
  return (
    <header className="banner">
      <div className="banner-brand">
        <span className="banner-logo" aria-hidden>
          cisco
        </span>
        <div>
          <div className="banner-title">Cisco Unified CM IM and Presence Administration</div>
          <div className="banner-subtitle">For Cisco Unified Communications Solutions</div>
        </div>
      </div>
      <div className="banner-user">
        <ActiveAlertCount />
        <span data-testid="signed-in-user">{username}</span> <span data-testid="signed-in-role">({role})</span>
        <a href="/change-password">Change Password</a>
        <SignOutButton />
      </div>
    </header>
  );
}
