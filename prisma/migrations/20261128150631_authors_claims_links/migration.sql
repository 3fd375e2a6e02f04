-- CreateEnum
CREATE TYPE "AuthorClaimStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "upvotes_public" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "author" ADD COLUMN     "claimed_by_id" INTEGER;

-- AlterTable
-- Existing rows keep the spelling they showed until now (the author's first-seen name); the next
-- ingest of a paper writes its own spelling.
ALTER TABLE "paper_author" ADD COLUMN     "name" TEXT;
UPDATE "paper_author" SET "name" = "author"."name" FROM "author" WHERE "author"."id" = "paper_author"."author_id";
ALTER TABLE "paper_author" ALTER COLUMN "name" SET NOT NULL;

-- CreateTable
CREATE TABLE "author_claim" (
    "id" SERIAL NOT NULL,
    "author_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "AuthorClaimStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMP(3),
    "reviewed_by_id" INTEGER,

    CONSTRAINT "author_claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_link_edit" (
    "id" SERIAL NOT NULL,
    "paper_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "code_url" TEXT,
    "project_url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "paper_link_edit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "author_claim_user_id_id_idx" ON "author_claim"("user_id", "id");

-- CreateIndex
CREATE INDEX "author_claim_author_id_user_id_idx" ON "author_claim"("author_id", "user_id");

-- CreateIndex
CREATE INDEX "author_claim_status_id_idx" ON "author_claim"("status", "id");

-- CreateIndex
CREATE INDEX "paper_link_edit_paper_id_id_idx" ON "paper_link_edit"("paper_id", "id");

-- CreateIndex
CREATE INDEX "author_claimed_by_id_idx" ON "author"("claimed_by_id");

-- AddForeignKey
ALTER TABLE "author" ADD CONSTRAINT "author_claimed_by_id_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "author_claim" ADD CONSTRAINT "author_claim_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "author_claim" ADD CONSTRAINT "author_claim_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "author_claim" ADD CONSTRAINT "author_claim_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_link_edit" ADD CONSTRAINT "paper_link_edit_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_link_edit" ADD CONSTRAINT "paper_link_edit_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
