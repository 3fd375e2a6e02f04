// The programs Paperboy ships: each is a TypeScript entry under src/ or seed/ (run by tsx in
// development) and a compiled file in dist/ (run by Node in production). The build compiles this
// list and the launcher runs from it, so that the two cannot disagree.

/** name -> TypeScript source, relative to the project root. dist/<name>.js is its compiled form. */
export const ENTRIES = {
  server: "src/server.ts",
  seed: "seed/cli.ts",
  ingest: "src/ingest/cli.ts",
  retag: "src/ingest/retag-cli.ts",
  digest: "src/digest/cli.ts",
  migrator: "src/db/migrator/cli.ts",
};

/** Worker threads a program starts from a file beside its own (name -> source): compiled beside the programs. */
export const WORKERS = {
  "migrate-worker": "src/db/migrate-worker.ts",
};

/** Folders whose sources the build compiles: dist/ is stale once one of their files is newer than the stamp. */
export const SOURCE_DIRS = ["src", "seed"];

export const DIST_DIR = "dist";
/** Written last by the build: its mtime is when dist/ was complete. */
export const STAMP = "dist/.built";
