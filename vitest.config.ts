import { createRequire } from "node:module";

import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS and ESM builds; Node (and so Yoga and Pothos) loads the CJS one, Vite
    // would give our sources the ESM one, and errors thrown by one copy are not `instanceof` the other.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    // Each file gets its own database; PGlite is WebAssembly, so forks keep their memory apart.
    pool: "forks",
    maxWorkers: 2,
    // Files run one after another in the same two processes and share their modules: every file
    // imports the whole app, and importing it once per worker instead of once per file saved
    // 1.5 s of CPU per file. No file relies on fresh module state (no module mocks, no globals).
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
