import type { Db } from "../db/client.ts";
import { sessionKey } from "../auth/sessions.ts";
import { isLocale, type Locale } from "./locales.ts";

/** The language saved on the account a session cookie belongs to, if any. */
export async function sessionLocale(db: Db, token: string | undefined): Promise<Locale | null> {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { tokenHash: sessionKey(token) }, select: { user: { select: { locale: true } } } });
  const saved = session?.user.locale;
  return isLocale(saved) ? saved : null;
}

/** Saves the account's language; null goes back to following the browser. */
export async function saveAccountLocale(db: Db, userId: number, locale: Locale | null): Promise<void> {
  await db.adminUser.update({ where: { id: userId }, data: { locale } });
}
