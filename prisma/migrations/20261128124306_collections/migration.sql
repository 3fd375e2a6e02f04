-- CreateEnum
CREATE TYPE "CollectionVisibility" AS ENUM ('PRIVATE', 'PUBLIC');

-- CreateTable
CREATE TABLE "collection" (
    "id" SERIAL NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" "CollectionVisibility" NOT NULL DEFAULT 'PRIVATE',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collection_paper" (
    "collection_id" INTEGER NOT NULL,
    "paper_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "note" TEXT,
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collection_paper_pkey" PRIMARY KEY ("collection_id","paper_id")
);

-- CreateTable
CREATE TABLE "collection_follow" (
    "user_id" INTEGER NOT NULL,
    "collection_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collection_follow_pkey" PRIMARY KEY ("user_id","collection_id")
);

-- CreateIndex
CREATE INDEX "collection_owner_id_id_idx" ON "collection"("owner_id", "id");

-- CreateIndex
CREATE INDEX "collection_paper_paper_id_idx" ON "collection_paper"("paper_id");

-- CreateIndex
CREATE UNIQUE INDEX "collection_paper_collection_id_position_key" ON "collection_paper"("collection_id", "position");

-- CreateIndex
CREATE INDEX "collection_follow_collection_id_idx" ON "collection_follow"("collection_id");

-- AddForeignKey
ALTER TABLE "collection" ADD CONSTRAINT "collection_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_paper" ADD CONSTRAINT "collection_paper_collection_id_fkey" FOREIGN KEY ("collection_id") REFERENCES "collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_paper" ADD CONSTRAINT "collection_paper_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_follow" ADD CONSTRAINT "collection_follow_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_follow" ADD CONSTRAINT "collection_follow_collection_id_fkey" FOREIGN KEY ("collection_id") REFERENCES "collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
