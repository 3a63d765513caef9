// Benchmark (not a test): the round trip of `utils ha status` over the SSH
// CLI (a new exec channel on an open connection, as `ssh host cmd` scripts
// do after sign-in), beside the same command run in process on the same
// backend (the baseline: the cost of the command itself). Embedded database.
//   npx tsx scripts/bench/ssh-cli.ts
import ssh2 from "ssh2";
import { runCommand } from "../../lib/cli/commands.ts";
import { runtimeBackend } from "../../lib/cli/runtime-backend.ts";
import { SshCli } from "../../lib/cli/ssh-server.ts";
import { VirtualClock } from "../../lib/ha/clock.ts";
import { seedDemoInventory } from "../../lib/inventory/demo-seed.ts";
import { startRuntime } from "../../lib/server/runtime.ts";
import { median } from "./support.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const PASSWORD = "bench-password-1";

process.env.ADMIN_PASSWORD = PASSWORD;
process.env.SSH_CLI = "off";
const rt = await startRuntime({ kind: "embedded", dataDir: "memory://" }, () => {}, { clock: new VirtualClock() });
await seedDemoInventory(rt.db);
const cli = await SshCli.start({ db: rt.db, controller: rt.controller, hostKey: ssh2.utils.generateKeyPairSync("ed25519").private, basePort: 0, host: "127.0.0.1" });
const client = new ssh2.Client();
await new Promise<void>((resolve, reject) => {
  client.on("ready", resolve).on("error", reject);
  client.connect({ host: "127.0.0.1", port: cli.ports()["imp-sub1"]!, username: "admin", password: PASSWORD });
});
const exec = () =>
  new Promise<void>((resolve, reject) =>
    client.exec("utils ha status", (err, stream) => {
      if (err) return reject(err);
      stream.on("data", () => {}).on("close", () => resolve());
    }),
  );
const backend = runtimeBackend(rt.db, rt.controller, { username: "admin", role: "super_user", address: "127.0.0.1" });
const direct: number[] = [];
const overSsh: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  let t = performance.now();
  await runCommand(["utils", "ha", "status"], backend, { node: "imp-sub1" });
  direct.push(performance.now() - t);
  t = performance.now();
  await exec();
  overSsh.push(performance.now() - t);
}
client.end();
await cli.close();
await rt.close();
const d = median(direct);
const s = median(overSsh);
console.log(`utils ha status, median of ${ROUNDS}: in process ${d.toFixed(2)} ms (baseline), over SSH ${s.toFixed(2)} ms = ${(s / d).toFixed(1)}x`);
