-- AlterTable
ALTER TABLE "paper" ADD COLUMN     "title_search" tsvector;

-- Written by hand (Prisma cannot express triggers): the trigger of the first migration now also
-- keeps the title's own vector, and existing papers get theirs before the index is built (rows
-- written into an existing GIN index wait in its pending list, which every search then reads).
CREATE OR REPLACE FUNCTION paper_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.abstract, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.authors_text, '')), 'C');
  NEW.title_search := to_tsvector('english', coalesce(NEW.title, ''));
  RETURN NEW;
END
$$;

UPDATE "paper" SET "title_search" = to_tsvector('english', coalesce("title", ''));

-- CreateIndex
CREATE INDEX "paper_title_search_idx" ON "paper" USING GIN ("title_search");
