import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales.ts";

// Traditional Chinese is not served: zh-TW, zh-HK and zh-Hant fall through to the next preference.
const TRADITIONAL = /^zh-(hant|tw|hk|mo)\b/;

function localeOf(tag: string): Locale | null {
  const lower = tag.toLowerCase();
  if (TRADITIONAL.test(lower)) return null;
  const primary = lower.split("-")[0];
  return isLocale(primary) ? primary : null;
}

/**
 * The best of the console's languages for an Accept-Language header: the
 * supported tag with the highest q, the earlier one on a tie; English when
 * none is supported.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { locale: localeOf(tag.trim()), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((c): c is { locale: Locale; weight: number; index: number } => c.locale !== null && c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.locale ?? DEFAULT_LOCALE;
}
