-- Each console instance keeps some reads in memory until a table they read is written
-- (lib/db/table-versions.ts). It sees its own writes itself, and these notices tell it of writes
-- made by other instances and shell commands. One notice per statement, named by table.
-- Semicolons inside the function body are written \073: the migration runner splits statements on them.
CREATE FUNCTION "table_written_notice"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM pg_notify(''prg_tables'', TG_TABLE_NAME)\073 RETURN NULL\073 END\073';
CREATE TRIGGER "EndUser_written_notice" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EndUser" FOR EACH STATEMENT EXECUTE FUNCTION "table_written_notice"();
CREATE TRIGGER "Node_written_notice" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Node" FOR EACH STATEMENT EXECUTE FUNCTION "table_written_notice"();
CREATE TRIGGER "Cluster_written_notice" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Cluster" FOR EACH STATEMENT EXECUTE FUNCTION "table_written_notice"();
CREATE TRIGGER "Setting_written_notice" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Setting" FOR EACH STATEMENT EXECUTE FUNCTION "table_written_notice"();
