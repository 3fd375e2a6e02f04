// GIN's fast-update pending list. A paper row written anew (an ingest, and every upvote or comment,
// whose count rewrites the row) appends its lexemes to an unsorted list that every search and
// related-papers lookup then reads in full, until a vacuum or the limit (4 MB by default) merges
// it into the index. After 3,000 upvotes the title index held 3,000 pending entries and related
// papers took 19 ms instead of 8 (p50 over 100 papers of the 60k corpus); at 64 kB, the smallest
// allowed, 57-101 entries stayed pending, related papers kept 8 ms, and an upvote cost about 0.5 ms
// more (bench/README.md "Round 7").
//
// Set per session, not on the indexes: an index's setting would win over the session's, and the
// ingest writes its chunks with the default, merging the list once at the end of its run
// (ingest/pipeline.ts refreshIndexes); with 64 kB a fresh 60k-paper ingest took 25% longer.

/** Every session's limit, in kB. */
export const SESSION_PENDING_LIST_KB = 64;

/** For the ingest's chunk transactions: PostgreSQL's default limit. */
export const INGEST_PENDING_LIST_SQL = "SET LOCAL gin_pending_list_limit = '4MB'";
