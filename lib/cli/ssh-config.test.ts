import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SSH_BASE_PORT, sshCliConfigFromEnv } from "./ssh-server.ts";

describe("SSH CLI settings", () => {
  it("is on by default at 2222 + node id with the host key under .data", () => {
    expect(sshCliConfigFromEnv({})).toEqual({
      enabled: true,
      basePort: DEFAULT_SSH_BASE_PORT,
      host: undefined,
      hostKeyFile: path.join(process.cwd(), ".data", "ssh_host_ed25519_key"),
    });
  });

  it("SSH_CLI=off turns it off; a bad base port falls back to the default", () => {
    expect(sshCliConfigFromEnv({ SSH_CLI: "OFF" }).enabled).toBe(false);
    expect(sshCliConfigFromEnv({ SSH_BASE_PORT: "40000", SSH_HOST: "127.0.0.1" })).toMatchObject({ basePort: 40000, host: "127.0.0.1" });
    for (const bad of ["-1", "70000", "x", "22.5"]) expect(sshCliConfigFromEnv({ SSH_BASE_PORT: bad }).basePort).toBe(DEFAULT_SSH_BASE_PORT);
  });
});
