// The reader page's script: src/reader/client/main.ts bundled for browsers by esbuild (graphql-ws's
// browser client included). Development and tests bundle it in memory when the server starts;
// production serves the file the build step wrote with buildReaderBundle (one line in the build
// script), so a production start neither needs esbuild nor spends time on it.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { PROJECT_DIR } from "../project-dir.ts";

// From the project root, not this module: compiled, this code lives in dist/.
const here = path.join(PROJECT_DIR, "src", "reader");
const ENTRY = path.join(here, "client", "main.ts");

/** Where the production build puts the bundle (and where a production server reads it). */
export const READER_ASSETS_DIR = path.join(PROJECT_DIR, "dist", "assets");
export const SCRIPT_FILE = "reader.js";

/** The minified bundle's text. esbuild is imported here, lazily: a production server never loads it. */
export async function bundleReaderScript(): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: ["es2020"],
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** The production build step: writes reader.js into outDir; returns the file's path. */
export async function buildReaderBundle(outDir: string = READER_ASSETS_DIR): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, SCRIPT_FILE);
  await writeFile(file, await bundleReaderScript());
  return file;
}

/**
 * The script a server serves: in production the prebuilt file; when the build step did not run,
 * `warn` says so and it is bundled here (esbuild is a dependency), so the page still works.
 */
export async function readerScript(env: string, warn: (message: string) => void): Promise<string> {
  if (env !== "production") return bundleReaderScript();
  const file = path.join(READER_ASSETS_DIR, SCRIPT_FILE);
  try {
    return await readFile(file, "utf8");
  } catch {
    warn(`The reader page's script ${file} is missing (run the build step, buildReaderBundle): bundling it now.`);
    return bundleReaderScript();
  }
}

export const STYLE = path.join(here, "reader.css");
export const ICON = path.join(here, "icon.svg");
