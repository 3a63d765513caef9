/**
 * The channel of the database's session notices (migration session_notices):
 * `k:<key>` when a session ends, `u:<account id>` when an account changes.
 */
export const SESSION_CHANNEL = "prg_session";

export interface CachedSession {
  userId: number;
  expiresAt: Date;
  lastSeenAt: Date;
}

/**
 * The sessions this instance has read, so a request need not read its
 * session again. It is used only while this instance hears the database's
 * session notices: every session ended and every account changed, by any
 * instance or shell command, is forgotten as its notice arrives, and the
 * instance that makes such a change forgets it before answering. While the
 * notices are not heard (the listening connection lost), nothing is kept.
 */
export class SessionCache<S extends CachedSession> {
  private readonly sessions = new Map<string, S>();
  private hearing = false;
  // Bumped by every forgetting: a read that began before one may hold what was forgotten, so it is not kept.
  private generation = 0;

  /** Whether notices are heard now; losing them forgets everything. */
  listening(on: boolean): void {
    this.hearing = on;
    this.forgetAll();
  }

  get(key: string): S | undefined {
    return this.hearing ? this.sessions.get(key) : undefined;
  }

  /** A mark to give `keep`: the session read after taking it is kept only if nothing was forgotten meanwhile. */
  mark(): number {
    return this.generation;
  }

  keep(key: string, session: S, mark: number): void {
    if (this.hearing && mark === this.generation) this.sessions.set(key, session);
  }

  heard(notice: string): void {
    if (notice.startsWith("k:")) this.forgetSession(notice.slice(2));
    else if (notice.startsWith("u:")) this.forgetAccount(Number(notice.slice(2)));
    else this.forgetAll();
  }

  forgetSession(key: string): void {
    this.generation++;
    this.sessions.delete(key);
  }

  forgetAccount(userId: number): void {
    this.generation++;
    for (const [key, s] of this.sessions) if (s.userId === userId) this.sessions.delete(key);
  }

  forgetAll(): void {
    this.generation++;
    this.sessions.clear();
  }
}
