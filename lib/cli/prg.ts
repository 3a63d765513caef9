import { Command, CommanderError } from "commander";
import { apiBackend, type Fetch } from "./api-backend.ts";
import { runCommand, type CliFailureKind } from "./commands.ts";

/** The exit codes of `prg`, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The console refused: the state does not allow it now (409), or no such node, group or service. */
  refused: 1,
  /** Wrong command, option or argument. */
  usage: 2,
  /** No token, or the token is not valid or was revoked. */
  unauthorized: 3,
  /** The console could not be reached or failed. */
  unavailable: 4,
} as const;

const EXIT_OF: Record<CliFailureKind, number> = {
  refused: EXIT.refused,
  not_found: EXIT.refused,
  usage: EXIT.usage,
  unauthorized: EXIT.unauthorized,
  unavailable: EXIT.unavailable,
};

export interface PrgIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  fetch?: Fetch;
}

interface GlobalOptions {
  url?: string;
  token?: string;
  node?: string;
  json?: boolean;
}

/**
 * `prg`: the node admin CLI's commands from a script, over the JSON API with
 * an API token. Returns the exit code.
 */
export async function runPrg(argv: string[], io: PrgIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command("prg")
    .description("The prg-console admin CLI over the JSON API (the commands of a node's SSH CLI)")
    .option("--url <url>", "the console's address (env PRG_URL)", io.env.PRG_URL ?? "http://localhost:3000")
    .option("--token <token>", "an API token from System > API Tokens (env PRG_TOKEN)")
    .option("--node <host>", "the node whose CLI to speak as (service and show commands need it)")
    .option("--json", "print the answer as JSON")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const execute = async (words: string[], cmd: Command) => {
    const opts = cmd.optsWithGlobals<GlobalOptions>();
    const token = opts.token ?? io.env.PRG_TOKEN;
    if (!token) {
      io.err("prg: an API token is required: --token or PRG_TOKEN (System > API Tokens)\n");
      code = EXIT.unauthorized;
      return;
    }
    const backend = apiBackend({ url: opts.url!, token, fetch: io.fetch });
    const answer = await runCommand(words, backend, { node: opts.node });
    if (opts.json) io.out(JSON.stringify(answer.json, null, 2) + "\n");
    else if (answer.ok) io.out(answer.text + "\n");
    else io.err(answer.text + "\n");
    code = answer.ok ? EXIT.ok : EXIT_OF[answer.failure!];
  };

  const utils = program.command("utils").description("utils ha | dbreplication | service");
  const ha = utils.command("ha").description("High Availability of the Presence Redundancy Groups");
  ha.command("status [group]")
    .description("the state and reason of each node of every (or one) subcluster")
    .action((group: string | undefined, _o, cmd: Command) => execute(["utils", "ha", "status", ...(group ? [group] : [])], cmd));
  for (const action of ["failover", "fallback"] as const) {
    ha.command(`${action} <node>`)
      .description(action === "failover" ? "manual failover: the node's users move to its peer" : "manual fallback: the node takes its users back")
      .action((node: string, _o, cmd: Command) => execute(["utils", "ha", action, node], cmd));
  }
  ha.command("recover <group>")
    .description("restart the Server Recovery Manager on both nodes of the subcluster")
    .action((group: string, _o, cmd: Command) => execute(["utils", "ha", "recover", group], cmd));

  const db = utils.command("dbreplication").description("database replication");
  for (const which of ["status", "runtimestate"] as const) {
    db.command(which)
      .description(which === "status" ? "replication of each node" : "replication setup state (0-4) of each node")
      .action((_o, cmd: Command) => execute(["utils", "dbreplication", which], cmd));
  }

  const service = utils.command("service").description("the services of a node (--node)");
  service.command("list")
    .description("the services of the node and their status")
    .action((_o, cmd: Command) => execute(["utils", "service", "list"], cmd));
  for (const action of ["start", "stop", "restart"] as const) {
    service.command(`${action} <service...>`)
      .description(`${action} a service on the node, e.g. Cisco XCP Router`)
      .action((words: string[], _o, cmd: Command) => execute(["utils", "service", action, ...words], cmd));
  }

  program.command("show")
    .description("show status")
    .command("status")
    .description("the node's host name, version, lab time and HA state")
    .action((_o, cmd: Command) => execute(["show", "status"], cmd));

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw err;
  }
  return code;
}
