import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ADMIN_PASSWORD = "e2e-admin-password";
export const E2E_METRICS_TOKEN = "e2e-metrics-token";

// Browser tests run against the production build on a fresh embedded
// database, with Debian's Chromium: Playwright's own browser download is not
// reachable from these machines.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf .data/e2e && npm run build && node server.mjs -H 127.0.0.1 -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    // The build runs first: minutes on a loaded two-core machine.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_URL: "",
      PGLITE_DIR: ".data/e2e",
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      NEXT_TELEMETRY_DISABLED: "1",
      // Several browser runs share the machine: the node SSH ports would collide.
      SSH_CLI: "off",
    },
  },
});
