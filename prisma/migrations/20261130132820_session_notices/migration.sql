-- Each console instance keeps the sessions it has read in memory (lib/auth/session-cache.ts).
-- These notices tell every instance, and the one that made the change, when a cached session
-- must be read again: a session ended (sign-out, expiry, password change) or its account changed
-- (role, disabled, forced password change, deleted), whoever made the change, a shell command included.
-- A session whose expiry or account is changed by hand counts as ended, and a table emptied as every session.
-- Semicolons inside the function bodies are written \073: the migration runner splits statements on them.
CREATE FUNCTION "session_ended_notice"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM pg_notify(''prg_session'', ''k:'' || OLD."tokenHash")\073 RETURN NULL\073 END\073';
CREATE TRIGGER "Session_ended_notice" AFTER DELETE ON "Session" FOR EACH ROW EXECUTE FUNCTION "session_ended_notice"();
CREATE FUNCTION "account_changed_notice"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM pg_notify(''prg_session'', ''u:'' || OLD."id")\073 RETURN NULL\073 END\073';
CREATE TRIGGER "AdminUser_changed_notice" AFTER DELETE ON "AdminUser" FOR EACH ROW EXECUTE FUNCTION "account_changed_notice"();
CREATE TRIGGER "AdminUser_updated_notice" AFTER UPDATE ON "AdminUser" FOR EACH ROW
  WHEN (OLD."username" IS DISTINCT FROM NEW."username" OR OLD."role" IS DISTINCT FROM NEW."role" OR OLD."disabled" IS DISTINCT FROM NEW."disabled" OR OLD."mustChangePassword" IS DISTINCT FROM NEW."mustChangePassword")
  EXECUTE FUNCTION "account_changed_notice"();
CREATE TRIGGER "Session_expiry_notice" AFTER UPDATE ON "Session" FOR EACH ROW
  WHEN (OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt" OR OLD."userId" IS DISTINCT FROM NEW."userId")
  EXECUTE FUNCTION "session_ended_notice"();
CREATE FUNCTION "sessions_truncated_notice"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM pg_notify(''prg_session'', ''*'')\073 RETURN NULL\073 END\073';
CREATE TRIGGER "Session_truncated_notice" AFTER TRUNCATE ON "Session" FOR EACH STATEMENT EXECUTE FUNCTION "sessions_truncated_notice"();
CREATE TRIGGER "AdminUser_truncated_notice" AFTER TRUNCATE ON "AdminUser" FOR EACH STATEMENT EXECUTE FUNCTION "sessions_truncated_notice"();
