-- CreateEnum
CREATE TYPE "CodeSource" AS ENUM ('SOURCE', 'ABSTRACT', 'COMMENT');

-- AlterTable
ALTER TABLE "paper" ADD COLUMN     "ai_keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "ai_summary" TEXT,
ADD COLUMN     "code_source" "CodeSource",
ADD COLUMN     "discussion_url" TEXT,
ADD COLUMN     "github_stars" INTEGER,
ADD COLUMN     "github_stars_at" TIMESTAMP(3),
ADD COLUMN     "media_urls" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "organization_id" INTEGER,
ADD COLUMN     "source_comment_count" INTEGER,
ADD COLUMN     "source_submitter_avatar_url" TEXT,
ADD COLUMN     "source_submitter_handle" TEXT,
ADD COLUMN     "source_submitter_name" TEXT,
ADD COLUMN     "thumbnail_url" TEXT;

-- CreateTable
CREATE TABLE "organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "avatar_url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_name_key" ON "organization"("name");

-- CreateIndex
CREATE INDEX "paper_organization_id_idx" ON "paper"("organization_id");

-- AddForeignKey
ALTER TABLE "paper" ADD CONSTRAINT "paper_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand: every code link stored so far came from its source.
UPDATE "paper" SET "code_source" = 'SOURCE' WHERE "code_url" IS NOT NULL;
