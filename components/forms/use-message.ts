"use client";

import { useTranslations } from "next-intl";
import type { MessageRef } from "@/lib/http/errors.ts";
import { renderMessage, type Translate } from "@/lib/http/rule-messages.ts";

/** Words a rule's message (a MessageRef of the domain or a schema) in the page's language. */
export function useMessage(): (ref: MessageRef) => string {
  const t = useTranslations() as unknown as Translate;
  return (ref) => renderMessage(t, ref);
}
