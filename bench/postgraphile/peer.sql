-- What a PostGraphile user adds for search (PostGraphile exposes SQL functions as query fields):
-- the same tsvector column and GIN index as Paperboy, and the same bounded ranking (the 500 most
-- recently listed matches, ranked by ts_rank). Lives in its own schema; Paperboy never reads it.
CREATE SCHEMA IF NOT EXISTS bench_peer;
CREATE OR REPLACE FUNCTION bench_peer.search_papers(q text) RETURNS SETOF public.paper
LANGUAGE sql STABLE AS $$
  SELECT c.* FROM (
    SELECT p.* FROM public.paper p
    WHERE p.search @@ websearch_to_tsquery('english', q)
    ORDER BY p.listed_on DESC, p.id DESC
    LIMIT 500
  ) c
  ORDER BY ts_rank(c.search, websearch_to_tsquery('english', q)) DESC, c.listed_on DESC, c.id DESC
$$;
