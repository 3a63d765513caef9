import { z } from "zod";
import { LOCALES } from "../i18n/locales.ts";

export const localeChoiceSchema = z.object({
  locale: z.enum(LOCALES).nullable().meta({ description: "en, ja or zh; null follows the browser" }),
});
export type LocaleChoice = z.infer<typeof localeChoiceSchema>;
