// `prisma generate` only needs Prisma's WebAssembly code, but the CLI looks for
// a native schema engine at start-up and tries to download one, which these
// machines cannot. Pointing it at any existing file skips the download.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url) };
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
