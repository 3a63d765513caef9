import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import path from "node:path";
import ssh2 from "ssh2";
import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { checkCredentials } from "../auth/sessions.ts";
import { recordSignInFailure, recordSignInSuccess, signInBlockedFor } from "../auth/throttle.ts";
import { runCommand, tokenize, type CliAnswer } from "./commands.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { runtimeBackend, type CliAccount, type CommandRunner } from "./runtime-backend.ts";

const { Server: SshServer, utils: sshUtils } = ssh2;

export const DEFAULT_SSH_BASE_PORT = 2222;
export const PROMPT = "admin:";

export interface SshCliOptions {
  db: Db;
  controller: HaController;
  /** The host key (OpenSSH or PEM private key), the same for every node's port. */
  hostKey: string;
  /** Node N listens on basePort + N (its id); 0 gives every node an ephemeral port (tests). */
  basePort: number;
  host?: string;
  log?: (line: string) => void;
  /** How changes reach the controller: the runtime's command, forwarded to the leader when this instance follows. */
  command?: CommandRunner;
}

/** SSH_CLI=off turns the SSH servers off; SSH_BASE_PORT, SSH_HOST, SSH_HOST_KEY_FILE place them. */
export interface SshCliConfig {
  enabled: boolean;
  basePort: number;
  host: string | undefined;
  hostKeyFile: string;
}

export function sshCliConfigFromEnv(env: Record<string, string | undefined> = process.env): SshCliConfig {
  const base = Number(env.SSH_BASE_PORT ?? DEFAULT_SSH_BASE_PORT);
  return {
    enabled: (env.SSH_CLI ?? "on").toLowerCase() !== "off",
    basePort: Number.isInteger(base) && base >= 0 && base <= 65535 ? base : DEFAULT_SSH_BASE_PORT,
    host: env.SSH_HOST || undefined,
    hostKeyFile: env.SSH_HOST_KEY_FILE || path.join(process.cwd(), ".data", "ssh_host_ed25519_key"),
  };
}

/** The host key in `file`, generated there (mode 0600) on the first start so clients see the same key after a restart. */
export function loadOrCreateHostKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8");
  const { private: key } = sshUtils.generateKeyPairSync("ed25519");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, key, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

interface Listener {
  nodeId: number;
  hostName: string;
  server: NetServer;
  port: number;
}

/**
 * One SSH server per IM and Presence node, each the admin CLI of its node.
 * A node that is powered off, booting or cut off from the network in the lab
 * drops every new connection at once, as a real one would not answer.
 */
export class SshCli {
  private listeners = new Map<number, Listener>();
  private sockets = new Set<Socket>();
  private stopChange: (() => void) | null = null;
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private opts: SshCliOptions) {}

  static async start(opts: SshCliOptions): Promise<SshCli> {
    const cli = new SshCli(opts);
    await cli.sync();
    // Nodes added or removed in the inventory get or lose their port.
    cli.stopChange = opts.controller.onChange((notice) => {
      if (notice.groupId === null) cli.syncing = cli.syncing.then(() => cli.sync()).catch((err) => console.error(err));
    });
    return cli;
  }

  /** The port of each node's CLI, by host name. */
  ports(): Record<string, number> {
    return Object.fromEntries([...this.listeners.values()].map((l) => [l.hostName, l.port]));
  }

  private async sync() {
    if (this.closed) return;
    const nodes = await this.opts.db.node.findMany({ select: { id: true, hostName: true }, orderBy: { id: "asc" } });
    const wanted = new Set(nodes.map((n) => n.id));
    for (const [id, l] of this.listeners) {
      if (!wanted.has(id)) {
        this.listeners.delete(id);
        await new Promise<void>((resolve) => l.server.close(() => resolve()));
      }
    }
    for (const n of nodes) {
      if (this.listeners.has(n.id) || this.closed) continue;
      const port = this.opts.basePort === 0 ? 0 : this.opts.basePort + n.id;
      if (port > 65535) {
        this.opts.log?.(`[prg-console] no SSH port for ${n.hostName}: ${port} is above 65535 (lower SSH_BASE_PORT)`);
        continue;
      }
      const listener = await this.listen(n.id, n.hostName, port);
      if (listener) this.listeners.set(n.id, listener);
    }
  }

  private listen(nodeId: number, hostName: string, port: number): Promise<Listener | null> {
    const ssh = new SshServer({ hostKeys: [this.opts.hostKey] }, (client, info) => this.serveClient(client, info.ip, hostName));
    ssh.on("error", (err: Error) => console.error(err));
    const server = createServer((socket) => {
      if (!this.answers(nodeId)) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      ssh.injectSocket(socket);
    });
    return new Promise((resolve) => {
      server.once("error", (err: NodeJS.ErrnoException) => {
        // Another process holding the port must not stop the console.
        this.opts.log?.(`[prg-console] the SSH CLI of ${hostName} cannot listen on port ${port}: ${err.code ?? err.message}`);
        resolve(null);
      });
      server.listen(port, this.opts.host, () => {
        const actual = (server.address() as AddressInfo).port;
        this.opts.log?.(`[prg-console] admin CLI of ${hostName} on ssh port ${actual}`);
        resolve({ nodeId, hostName, server, port: actual });
      });
    });
  }

  /** Whether the node would answer on the network now. */
  private answers(nodeId: number): boolean {
    try {
      const node = this.opts.controller.nodeStatus(nodeId).nodes.find((n) => n.id === nodeId);
      return node !== undefined && node.power === "ON" && !node.isolated;
    } catch {
      return false;
    }
  }

  private serveClient(client: ssh2.Connection, address: string, hostName: string) {
    let account: CliAccount | null = null;
    client.on("error", () => client.end());
    client.on("authentication", (ctx) => {
      if (ctx.method !== "password") return ctx.reject(["password"]);
      void (async () => {
        // Audited as the sign-in page's are: who tried, from where, and what came of it.
        const audit = (status: number, message: string | null) =>
          appendAudit(this.opts.db, { username: ctx.username, address, action: "sshSignIn", method: "SSH", path: `ssh ${hostName}`, status, message });
        if ((await signInBlockedFor(this.opts.db, address, ctx.username)) > 0) {
          await audit(429, "too many failed sign-ins");
          return ctx.reject(["password"]);
        }
        const user = await checkCredentials(this.opts.db, ctx.username, ctx.password);
        if (!user) {
          await recordSignInFailure(this.opts.db, address, ctx.username);
          await audit(401, "wrong user ID or password");
          return ctx.reject(["password"]);
        }
        await recordSignInSuccess(this.opts.db, address, ctx.username);
        await audit(200, null);
        account = { username: user.username, role: user.role, address };
        ctx.accept();
      })().catch(() => ctx.reject());
    });
    client.on("ready", () => {
      const backend = runtimeBackend(this.opts.db, this.opts.controller, account!, this.opts.command);
      const run = (line: string): Promise<CliAnswer> => runCommand(tokenize(line), backend, { node: hostName });
      client.on("session", (accept) => {
        const session = accept();
        session.on("pty", (acceptPty) => acceptPty?.());
        session.on("window-change", (acceptChange) => acceptChange?.());
        session.on("env", (acceptEnv) => acceptEnv?.());
        session.on("exec", (acceptExec, _reject, info) => {
          const stream = acceptExec();
          void run(info.command).then((answer) => {
            if (answer.text) stream.write(toTerminal(answer.text) + "\r\n");
            stream.exit(answer.ok ? 0 : 1);
            stream.end();
          });
        });
        session.on("shell", (acceptShell) => {
          const stream = acceptShell();
          shell(stream, hostName, run);
        });
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopChange?.();
    await this.syncing;
    const listeners = [...this.listeners.values()];
    this.listeners.clear();
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.server.close(() => resolve()))));
  }
}

const toTerminal = (text: string) => text.replace(/\r?\n/g, "\r\n");

/**
 * A line editor over the session stream: echo, backspace, Ctrl-C, Ctrl-D.
 * Input is handled in order, so what is typed ahead echoes after the output
 * of the command still running, as on a terminal.
 */
function shell(stream: ssh2.ServerChannel, hostName: string, run: (line: string) => Promise<CliAnswer>) {
  let line = "";
  let lastWasCr = false;
  let ended = false;
  let turn: Promise<void> = Promise.resolve();
  const end = () => {
    if (ended) return;
    ended = true;
    stream.exit(0);
    stream.end();
  };
  const feed = async (text: string) => {
    for (const ch of text) {
      if (ended) return;
      if (ch === "\n" && lastWasCr) {
        lastWasCr = false;
        continue;
      }
      lastWasCr = ch === "\r";
      if (ch === "\r" || ch === "\n") {
        const typed = line;
        line = "";
        stream.write("\r\n");
        const answer = await run(typed);
        if (answer.exit) return end();
        if (answer.text) stream.write(toTerminal(answer.text) + "\r\n");
        stream.write(`\r\n${PROMPT}`);
      } else if (ch === "\u0003") {
        line = "";
        stream.write(`^C\r\n${PROMPT}`);
      } else if (ch === "\u0004") {
        if (line === "") return end();
      } else if (ch === "\u007f" || ch === "\b") {
        if (line.length > 0) {
          line = line.slice(0, -1);
          stream.write("\b \b");
        }
      } else if (ch >= " ") {
        line += ch;
        stream.write(ch);
      }
    }
  };
  stream.write(`\r\nCommand Line Interface is starting up, please wait ...\r\n\r\n   Welcome to the Platform Command Line Interface (${hostName})\r\n\r\n${PROMPT}`);
  stream.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    turn = turn.then(() => feed(text)).catch((err: unknown) => {
      console.error(err);
      end();
    });
  });
  stream.on("close", () => {
    ended = true;
  });
}

/** Starts the SSH CLI as the environment says (on by default), or returns null when SSH_CLI=off. */
export async function startSshCliFromEnv(
  db: Db,
  controller: HaController,
  log: (line: string) => void,
  command?: CommandRunner,
): Promise<SshCli | null> {
  const config = sshCliConfigFromEnv();
  if (!config.enabled) return null;
  return SshCli.start({ db, controller, hostKey: loadOrCreateHostKey(config.hostKeyFile), basePort: config.basePort, host: config.host, log, command });
}
