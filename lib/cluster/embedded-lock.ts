import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

const LOCK_FILE = "console.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The embedded database takes one process: a second console on the same
 * directory would corrupt it, and several instances need PostgreSQL. Takes
 * `console.lock` in the directory (created exclusively, holding the pid), or
 * refuses to start, naming the process that holds it. A lock left by a
 * process that is gone is taken over. Returns the release.
 */
export function lockEmbeddedDirectory(dataDir: string): () => void {
  if (/^[a-z]+:\/\//i.test(dataDir)) return () => {};
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new Error(
          `The embedded database in ${dir} is open in another console process (pid ${holder}): the embedded database is single-process. ` +
            "Stop that console, or run several instances on PostgreSQL (DATABASE_URL).",
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
