import type { Locale } from "./locales.ts";

/**
 * The namespaces of the message catalogues: one JSON file per namespace and
 * locale in messages/<locale>/, so work on different pages touches different files.
 */
export const NAMESPACES = ["common", "shell", "auth", "groups", "ha", "params", "errors", "users", "params-pages", "servers", "serviceability", "accounts", "tokens", "alerts", "clients", "planning"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export type Messages = Record<string, unknown>;

/** Every namespace of a locale, each under its own name (`t("ha.state.Normal")`). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default as Messages] as const),
  );
  return Object.fromEntries(parts);
}
