import { getTranslations } from "next-intl/server";

/** The not-found page's title in the request's language, for page metadata. */
export async function notFoundTitle(): Promise<string> {
  return (await getTranslations("shell"))("notFound.title");
}
