// The demo week: a week of real arXiv listings that a development database is seeded with besides
// the Daily Papers page, so search, trending, related papers, authors and categories show real
// data from the first query. Extracted by extract-demo-week.ts; see SOURCES.md.
import path from "node:path";

import { PROJECT_DIR } from "../src/project-dir.ts";

/** The ISO week 2025-W32, which holds the seed page's day (2025-08-08). */
export const DEMO_WEEK_FIRST_DAY = "2025-08-04";
export const DEMO_WEEK_LAST_DAY = "2025-08-10";
export const DEMO_WEEK_FILE = path.join(PROJECT_DIR, "seed", "arxiv-week-2025-W32.jsonl.gz");
