// `npm run build`: compiles the programs (and their workers) of scripts/entries.js to dist/ for production (`npm start`
// with NODE_ENV=production runs dist/server.js with plain Node). The steps run in order; each is
// one entry of STEPS, so a new artefact (say, a browser script) is one more step.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

import { buildReaderBundle } from "../src/reader/bundle.ts";
import { DIST_DIR, ENTRIES, STAMP, WORKERS } from "./entries.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, DIST_DIR);

interface Step {
  name: string;
  run: () => Promise<void>;
}

const STEPS: Step[] = [
  {
    // This removes the stamp too, so that an interrupted build leaves dist/ refused, not half-new.
    name: "clean dist/",
    run: async () => {
      await rm(DIST, { recursive: true, force: true });
      await mkdir(DIST, { recursive: true });
    },
  },
  {
    // Our code (src/, seed/, Prisma's generated client) in one file per program; packages stay
    // imports, resolved from node_modules as under tsx, so their own file lookups still work.
    name: "compile the programs",
    run: async () => {
      await build({
        absWorkingDir: ROOT,
        entryPoints: { ...ENTRIES, ...WORKERS },
        outdir: DIST,
        bundle: true,
        packages: "external",
        platform: "node",
        format: "esm",
        target: "node20",
        sourcemap: true,
        sourcesContent: false,
        logLevel: "warning",
      });
    },
  },
  {
    // The reader page's browser script (dist/assets/reader.js), which a production server serves as built.
    name: "bundle the reader page's script",
    run: async () => void (await buildReaderBundle()),
  },
  {
    name: "stamp dist/",
    run: () => writeFile(path.join(ROOT, STAMP), `${new Date().toISOString()}\n`),
  },
];

/** Runs every step; the test setup and the benchmarks call it too, so that they start what production starts. */
export async function buildDist(log: (line: string) => void = console.log): Promise<void> {
  for (const step of STEPS) {
    const started = performance.now();
    await step.run();
    log(`build: ${step.name} (${Math.round(performance.now() - started)} ms)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDist();
