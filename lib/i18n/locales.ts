/** The console's languages: English, Japanese and Simplified Chinese. */
export const LOCALES = ["en", "ja", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language named in itself, as the header's picker lists them. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ja: "日本語", zh: "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
