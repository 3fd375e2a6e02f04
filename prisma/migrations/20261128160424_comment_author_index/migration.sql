-- CreateIndex
CREATE INDEX "comment_author_id_idx" ON "comment"("author_id");
