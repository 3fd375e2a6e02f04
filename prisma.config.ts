// Read by `prisma generate` only: migrations run through prisma/migrator (see README).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
});
