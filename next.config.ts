import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

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

// Finds i18n/request.ts: the language of each request (lib/i18n), without locale segments in URLs.
export default createNextIntlPlugin()(nextConfig);
