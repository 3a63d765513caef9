import { createTranslator } from "next-intl";
import type { ApiError, ErrorBody, MessageRef } from "../http/errors.ts";
import { renderMessage } from "../http/rule-messages.ts";
import { loadMessages } from "./catalogue.ts";
import type { Locale } from "./locales.ts";
import { negotiateLocale } from "./negotiate.ts";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A message of the errors catalogue, its nested messages rendered first. */
export async function renderErrorMessage(locale: Locale, ref: MessageRef): Promise<string> {
  const t = createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as Translate;
  return renderMessage(t, ref);
}

/**
 * The error's answer with its messages in the request's language: the
 * account's saved one for a signed-in page, else Accept-Language's. Codes and
 * field keys never change: scripts read those. English is the language errors
 * are raised in, so an English answer is the error as raised.
 */
export async function localizedErrorBody(error: ApiError, acceptLanguage: string | null, saved?: Locale | null): Promise<ErrorBody> {
  const body = error.toBody();
  const locale = saved ?? negotiateLocale(acceptLanguage);
  if (locale === "en") return body;
  const fields = body.error.fields && (await localizedFields(locale, body.error.fields, error.localizedFields ?? {}));
  const message = error.localized ? await renderErrorMessage(locale, error.localized) : body.error.message;
  return { error: { ...body.error, message, ...(fields ? { fields } : {}) } };
}

async function localizedFields(locale: Locale, fields: Record<string, string>, refs: Record<string, MessageRef>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields)) {
    const ref = refs[field];
    out[field] = ref ? await renderErrorMessage(locale, ref) : text;
  }
  return out;
}
