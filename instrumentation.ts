// Migrations, the admin account and the demo inventory are set up when the
// server starts, so a broken database stops the start rather than the first
// request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getRuntime } = await import("./lib/server/runtime.ts");
    await getRuntime();
  }
}
