// PostGraphile 5 as a user would start it on Paperboy's database: the Amber preset, default
// inflection, the public schema, plus `bench_peer` (a search function: PostGraphile has no
// full-text search of its own, and a SQL function is how its users add one).
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public", "bench_peer"] })],
  grafserv: { port: Number(process.env.PORT ?? 5678), host: "127.0.0.1" },
};
