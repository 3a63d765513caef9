#!/usr/bin/env node
// The local admin CLI (lib/cli/prg.ts). The console's code is TypeScript run
// through tsx, as its other scripts are.
import { register } from "tsx/esm/api";

register();
const { runPrg } = await import("../lib/cli/prg.ts");
process.exitCode = await runPrg(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
});
