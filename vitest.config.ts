import path from "node:path";
import { defineConfig } from "vitest/config";

const integration = (kind: "embedded" | "postgres") => ({
  extends: true as const,
  test: {
    name: `integration-${kind}`,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_DB_KIND: kind },
  },
});

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests that need the SSH CLI start it themselves, on ephemeral ports. A lease that outlives any
    // pause of this shared machine: one test runtime must not lose the lead to nobody mid-test.
    env: { ADMIN_PASSWORD: "integration-admin-pw", NEXT_TELEMETRY_DISABLED: "1", SSH_CLI: "off", LEASE_TTL_MS: "60000" },
    projects: [
      { extends: true, test: { name: "unit", include: ["lib/**/*.test.ts"] } },
      integration("embedded"),
      // The real PostgreSQL server runs the same suite when one is given.
      ...(process.env.TEST_DATABASE_URL ? [integration("postgres")] : []),
    ],
  },
});
