-- CreateIndex
CREATE INDEX "paper_listed_on_id_idx" ON "paper"("listed_on", "id");
