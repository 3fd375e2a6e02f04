-- A day's listing in the UPVOTES order (src/discovery/ranking.ts votesSql, then title in keyset.ts's
-- "C" collation, then id), so that its first page is read from the index in order and stops at
-- the page size instead of sorting the whole day (1.3 ms to 0.25 ms for a 455-paper day).
-- An expression index, which schema.prisma cannot declare.
CREATE INDEX "paper_listed_on_votes_idx" ON "paper" ("listed_on", ("upvote_count" + "source_upvotes") DESC, "title" COLLATE "C", "id");
