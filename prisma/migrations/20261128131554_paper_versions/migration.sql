-- CreateTable
CREATE TABLE "paper_version" (
    "paper_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "source_date" TIMESTAMP(3),
    "seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "title_changed" BOOLEAN NOT NULL DEFAULT false,
    "abstract_changed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "paper_version_pkey" PRIMARY KEY ("paper_id","version")
);

-- AddForeignKey
ALTER TABLE "paper_version" ADD CONSTRAINT "paper_version_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: the version each paper has now is the first one Paperboy knows of.
INSERT INTO "paper_version" ("paper_id", "version", "source_date", "seen_at")
SELECT "id", "arxiv_version", coalesce("source_updated_at", "published_at"), "ingested_at" FROM "paper" WHERE "arxiv_version" IS NOT NULL;
