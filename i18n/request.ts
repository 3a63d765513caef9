import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "@/lib/i18n/catalogue.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";

// next-intl's per-request configuration (found by its plugin at this path); the URL never carries the locale.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    // Server and browser render lab times in one zone, so hydration never sees two texts.
    timeZone: process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
});
