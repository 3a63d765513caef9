// Gives a real PostgreSQL server's empty inventory the demo cluster (the
// embedded database gets it automatically on first start).
import { startRuntime } from "../lib/server/runtime.ts";
import { seedDemoInventory } from "../lib/inventory/demo-seed.ts";

const runtime = await startRuntime();
try {
  console.log((await seedDemoInventory(runtime.db)) ? "demo cluster created" : "inventory not empty: nothing seeded");
} finally {
  await runtime.close();
}
