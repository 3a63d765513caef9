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
  ],
  poweredByHeader: false,
};

export default nextConfig;
