import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These load WebAssembly or native files relative to their own package
  // folder at run time, which bundling would break.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@node-rs/argon2",
    "pg",
    // Optional native crypto bindings, loaded at run time when present.
    "ssh2",
  ],
  poweredByHeader: false,
};

export default nextConfig;
