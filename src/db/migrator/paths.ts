// Where the migrator finds the data model and the migrations: prisma/ at the project root holds
// them (data, not code), and this runtime code lives under src/.
import path from "node:path";

import { PROJECT_DIR } from "../../project-dir.ts";

export { PROJECT_DIR };
const prismaDir = path.join(PROJECT_DIR, "prisma");

export const SCHEMA_PATH = path.join(prismaDir, "schema.prisma");
export const MIGRATIONS_DIR = path.join(prismaDir, "migrations");
