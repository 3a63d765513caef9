"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "@/lib/client/api.ts";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales.ts";

/** The header's language choice: saved on the account, then the page is rendered again in it. */
export function LanguagePicker() {
  const t = useTranslations("shell");
  const locale = useLocale() as Locale;
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  // A choice made before the page is interactive would change the box and save nothing: it waits until then.
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);

  async function choose(next: Locale) {
    setBusy(true);
    setFailed(false);
    try {
      await api("/api/account/locale", { method: "PUT", body: { locale: next } });
      // Server components carry text too: a full load renders every part in the new language.
      window.location.reload();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <label className="language-picker">
      <span className="visually-hidden">{t("language")}</span>
      <select value={locale} disabled={busy || !interactive} onChange={(e) => choose(e.target.value as Locale)} data-testid="language-picker">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l === "zh" ? "zh-Hans" : l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      {failed && (
        <span role="alert" className="bad">
          {t("languageSaveFailed")}
        </span>
      )}
    </label>
  );
}
