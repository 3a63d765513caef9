import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Prisma, PrismaClient } from "./generated/client.ts";

export { Prisma };
export type Db = InstanceType<typeof PrismaClient>;
/** A client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

export function createPrismaClient(factory: SqlMigrationAwareDriverAdapterFactory): Db {
  return new PrismaClient({ adapter: factory });
}

/**
 * A unique constraint refused the write: Prisma's P2002 from its own queries,
 * or, from a raw statement, P2010 carrying the driver's UniqueConstraintViolation.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null;
  return e?.code === "P2002" || (e?.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}
