import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { SESSION_USER_SELECT, sessionLimits, toSessionUser, type Session } from "../auth/sessions.ts";
import { keyedError } from "../http/errors.ts";
import type { CreatedTokenView, TokenInput, TokenView } from "../schemas/tokens.ts";

/** Marks the console's secrets, so a leaked one is recognisable to secret scanners and people. */
const SECRET_PREFIX = "prg_";

// A 256-bit random secret cannot be guessed, so one fast SHA-256 is enough to
// keep a copy of the table from being replayed; a password hash would only slow every request.
function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function view(t: { id: number; name: string; createdAt: Date; lastUsedAt: Date | null }): TokenView {
  return { id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null };
}

export async function listTokens(db: Db, userId: number): Promise<TokenView[]> {
  const tokens = await db.apiToken.findMany({ where: { userId }, orderBy: { id: "asc" } });
  return tokens.map(view);
}

/** Creates a token for the account; its secret is in this answer only. */
export async function createToken(db: Db, userId: number, input: TokenInput): Promise<CreatedTokenView> {
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  try {
    const token = await db.apiToken.create({ data: { name: input.name, tokenHash: secretHash(secret), userId } });
    return { ...view(token), secret };
  } catch (err) {
    if ((err as { code?: string } | null)?.code === "P2002") {
      throw keyedError("conflict", { key: "token.nameTaken", values: { name: input.name } }, { name: { key: "token.nameTakenField" } });
    }
    throw err;
  }
}

/** Revokes one of the account's tokens; another account's token is not found. */
export async function revokeToken(db: Db, userId: number, id: number): Promise<void> {
  const { count } = await db.apiToken.deleteMany({ where: { id, userId } });
  if (count === 0) throw keyedError("not_found", { key: "token.notFound" });
}

/**
 * The account a secret acts as, as a session of one request, noting when the
 * token was used; null when it is unknown or revoked. The session lasts as a
 * signed-in one would, so an event stream opened with a token ends in time too.
 */
export async function findTokenSession(db: Db, secret: string, now = new Date()): Promise<Session | null> {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: secretHash(secret) },
    include: { user: { select: SESSION_USER_SELECT } },
  });
  if (!token) return null;
  // A token acts as its account: with its role, and not at all once the account is disabled.
  const user = toSessionUser(token.user);
  if (!user) return null;
  // A revoke between the read and this write leaves nothing to update; that request still ran as the token did a moment before.
  await db.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: now } });
  return { key: `api-token:${token.id}`, user, expiresAt: new Date(now.getTime() + sessionLimits().maxMs) };
}

/**
 * The secret of an `Authorization: Bearer` header: undefined without one (the
 * session cookie decides then), "" when the scheme is Bearer but no secret follows.
 */
export function bearerSecret(authorization: string | null): string | undefined {
  const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization?.trim() ?? "");
  return match ? (match[1] ?? "").trim() : undefined;
}
