// Migrations, the admin account and the demo inventory are set up when the
// server starts, so a broken database stops the start rather than the first
// request. The front door (server.mjs) is installed from here because this
// is the part of the build that runs at start in the server process.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installFrontDoor } = await import("./lib/http/front-door.ts");
    installFrontDoor();
    const { getRuntime } = await import("./lib/server/runtime.ts");
    await getRuntime();
  }
}
