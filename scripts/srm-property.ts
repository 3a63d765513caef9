/**
 * Long runs of the SRM property test (issue 10) on the in-memory lab:
 *   npm run prop:srm -- [sequences=10000] [seed]
 * prints how many sequences and steps ran and every state pair seen.
 */
import fc from "fast-check";
import { newFigures, runSequence, sequenceArb } from "../lib/ha/lab/property.ts";

const runs = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const figures = newFigures();
const started = Date.now();
const result = fc.check(
  fc.property(sequenceArb, (steps) => runSequence(steps, figures)),
  { numRuns: runs, seed },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`seed ${seed}: ${figures.sequences} sequences, ${figures.steps} steps in ${seconds}s`);
console.log(`${figures.pairs.size} distinct pairs seen (node order as in the group):`);
for (const [pair, seen] of [...figures.pairs].sort((x, y) => y[1].count - x[1].count)) {
  console.log(`  ${String(seen.count).padStart(7)}  ${seen.settled ? "settled " : "        "} ${seen.row.padEnd(10)} ${pair}`);
}
if (result.failed) {
  console.log(fc.defaultReportMessage(result));
  console.log(String(result.errorInstance));
  process.exit(1);
}
