// Editing a paper's code and project links by a person: who may (a curator, the paper's submitter,
// the user of one of its claimed authors), and the edit itself, recorded with who and when
// (PaperLinkEdit). The edited code link is stored as the source's (codeSource SOURCE), so that a
// URL found later in the abstract or comment never replaces it; its stars belonged to the old
// repository and are cleared.
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { EventPublisher } from "../live/events.ts";

export interface LinkEdit {
  paperId: number;
  /** The paper as the client named it, for errors. */
  ref: string;
  user: { id: number; role: string };
  /** undefined: unchanged; null: removed. */
  code?: string | null;
  projectPage?: string | null;
}

/** Whether `user` may edit the links of `paperId` (which must exist). */
async function mayEdit(
  prisma: PrismaClient,
  user: LinkEdit["user"],
  paper: { id: number; submittedById: number | null },
): Promise<boolean> {
  if (user.role === "CURATOR" || user.role === "ADMIN" || paper.submittedById === user.id) return true;
  const claimed = await prisma.paperAuthor.count({ where: { paperId: paper.id, author: { claimedById: user.id } } });
  return claimed > 0;
}

/** Applies the edit, records it, and announces the paper on paperUpdated. */
export async function updatePaperLinks(prisma: PrismaClient, live: EventPublisher, edit: LinkEdit): Promise<void> {
  const paper = await prisma.paper.findUnique({ where: { id: edit.paperId }, select: { id: true, submittedById: true } });
  if (!paper) throw new NotFoundError("Paper", edit.ref);
  if (!(await mayEdit(prisma, edit.user, paper))) {
    throw new ForbiddenError("Only curators, the paper's submitter and its claimed authors can edit its links.");
  }
  await prisma.$transaction(async (tx) => {
    const code =
      edit.code === undefined
        ? {}
        : { codeUrl: edit.code, codeSource: edit.code === null ? null : ("SOURCE" as const), githubStars: null, githubStarsAt: null };
    const project = edit.projectPage === undefined ? {} : { projectUrl: edit.projectPage };
    const after = await tx.paper.update({
      where: { id: edit.paperId },
      data: { ...code, ...project },
      select: { codeUrl: true, projectUrl: true },
    });
    await tx.paperLinkEdit.create({
      data: { paperId: edit.paperId, userId: edit.user.id, codeUrl: after.codeUrl, projectUrl: after.projectUrl },
      select: { id: true },
    });
  });
  await live.publish([{ kind: "paperUpdated", payload: { paperId: edit.paperId } }]);
}
