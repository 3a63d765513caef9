import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Prisma, PrismaClient } from "./generated/client.ts";

export { Prisma };
export type Db = InstanceType<typeof PrismaClient>;
/** A client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

export function createPrismaClient(factory: SqlMigrationAwareDriverAdapterFactory): Db {
  return new PrismaClient({ adapter: factory });
}
