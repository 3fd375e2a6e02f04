import path from "node:path";
import { fileURLToPath } from "node:url";

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const SCHEMA_PATH = path.join(prismaDir, "schema.prisma");
export const MIGRATIONS_DIR = path.join(prismaDir, "migrations");
