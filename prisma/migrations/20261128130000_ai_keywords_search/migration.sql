-- Written by hand (Prisma cannot express triggers): a paper's AI keywords (Hugging Face) weigh as
-- much as its title in the search vector, so the trigger now also fires when they change. The
-- title's own vector (related papers) stays the title alone.
CREATE OR REPLACE FUNCTION paper_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', array_to_string(coalesce(NEW.ai_keywords, '{}'), ' ')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.abstract, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.authors_text, '')), 'C');
  NEW.title_search := to_tsvector('english', coalesce(NEW.title, ''));
  RETURN NEW;
END
$$;

DROP TRIGGER paper_search_update ON "paper";
CREATE TRIGGER paper_search_update
  BEFORE INSERT OR UPDATE OF title, abstract, authors_text, ai_keywords ON "paper"
  FOR EACH ROW EXECUTE FUNCTION paper_search_update();

-- Papers that already have keywords get them in their vector.
UPDATE "paper" SET "ai_keywords" = "ai_keywords" WHERE cardinality("ai_keywords") > 0;
