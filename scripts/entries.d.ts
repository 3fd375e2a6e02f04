// Types of entries.js for the TypeScript that imports it (the build, the test helpers); entries.js
// itself is plain JavaScript because the launcher runs under plain Node, before anything is compiled.
export declare const ENTRIES: Record<string, string>;
export declare const WORKERS: Record<string, string>;
export declare const SOURCE_DIRS: string[];
export declare const DIST_DIR: string;
export declare const STAMP: string;
