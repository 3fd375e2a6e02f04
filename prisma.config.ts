// Read by `prisma generate`, and by our migrator (src/db/migrator/, see README) for the seed command
// that db:reset runs, as `prisma migrate reset` would.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { seed: "node scripts/launch.js seed" },
});
