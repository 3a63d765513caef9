import base from "./playwright.config.ts";
const PORT = Number(process.env.E2E_PORT);
export default { ...base, webServer: { ...base.webServer, command: `rm -rf .data/e2e && node server.mjs -H 127.0.0.1 -p ${PORT}`, timeout: 600_000 } };
