export function tlsOptionsFromEnv(env: Record<string, string | undefined>): { cert: Buffer; key: Buffer } | null;
