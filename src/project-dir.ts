// The project's root folder (where package.json is), found from this module's own location by
// walking up: the same answer whether the code runs as src/*.ts under tsx or bundled in dist/*.js.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_DIR = findRoot(path.dirname(fileURLToPath(import.meta.url)));
