"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api.ts";

export function SignOutButton() {
  const t = useTranslations("shell");
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="link-button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await api("/api/session", { method: "DELETE" }).catch(() => undefined);
        window.location.assign("/login");
      }}
    >
      {t("signOut")}
    </button>
  );
}
