// Collections (reading lists): who may see one, and every write to them. Each write runs in one
// transaction that first locks the row it is bounded by (the owner for the collections-per-user
// limit, the collection for its papers), so two concurrent writes can neither pass a limit
// together nor give two papers the same position.
import { ForbiddenError, LimitExceededError, NotFoundError } from "../errors.ts";
import { type CollectionVisibility, type Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { NotifiedRecipient } from "../live/events.ts";
import { notifyCollectionPaper } from "../notifications/fanout.ts";

export const MAX_COLLECTIONS_PER_USER = 100;
export const MAX_PAPERS_PER_COLLECTION = 1_000;
export const COLLECTION_NAME_MAX = 100;
export const COLLECTION_DESCRIPTION_MAX = 2_000;
export const COLLECTION_NOTE_MAX = 1_000;

type Tx = Prisma.TransactionClient;

/**
 * The collections `viewerId` may see: the public ones and their own. Every read path (collection,
 * node, nodes, profiles, feeds) filters with it, so a private collection is indistinguishable from
 * a missing one for everyone but its owner.
 */
export function visibleTo(viewerId: number | null | undefined): Prisma.CollectionWhereInput {
  return viewerId ? { OR: [{ visibility: "PUBLIC" }, { ownerId: viewerId }] } : { visibility: "PUBLIC" };
}

export interface CollectionFields {
  name?: string | null;
  description?: string | null;
  visibility?: CollectionVisibility | null;
}

export async function createCollection(prisma: PrismaClient, ownerId: number, fields: CollectionFields): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${ownerId} FOR UPDATE`;
    if ((await tx.collection.count({ where: { ownerId } })) >= MAX_COLLECTIONS_PER_USER) {
      throw new LimitExceededError(
        "COLLECTIONS_PER_USER",
        MAX_COLLECTIONS_PER_USER,
        `You have ${MAX_COLLECTIONS_PER_USER} collections, the most a user can have: delete one first.`,
      );
    }
    const created = await tx.collection.create({
      data: {
        ownerId,
        name: fields.name ?? "",
        description: fields.description ?? "",
        ...(fields.visibility ? { visibility: fields.visibility } : {}),
      },
      select: { id: true },
    });
    return created.id;
  });
}

/**
 * Locks the collection for a write by `viewerId`: NotFound when it does not exist or is someone
 * else's private one (as if it did not exist), Forbidden when it is someone else's public one.
 */
async function lockOwned(tx: Tx, viewerId: number, id: number, ref: string): Promise<void> {
  const [row] = await tx.$queryRaw<{ owner_id: number; visibility: CollectionVisibility }[]>`
    SELECT owner_id, visibility FROM collection WHERE id = ${id} FOR UPDATE`;
  if (!row || (row.owner_id !== viewerId && row.visibility !== "PUBLIC")) throw new NotFoundError("Collection", ref);
  if (row.owner_id !== viewerId) throw new ForbiddenError("Only the owner can change a collection.");
}

/** Runs `write` on the owned, locked collection `id`, then marks the collection updated. */
export async function changeCollection<T>(
  prisma: PrismaClient,
  viewerId: number,
  id: number,
  ref: string,
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await lockOwned(tx, viewerId, id, ref);
    const result = await write(tx);
    await tx.collection.update({ where: { id }, data: { updatedAt: new Date() }, select: { id: true } });
    return result;
  });
}

export async function updateCollection(prisma: PrismaClient, viewerId: number, id: number, ref: string, fields: CollectionFields) {
  await changeCollection(prisma, viewerId, id, ref, (tx) =>
    tx.collection.update({
      where: { id },
      data: {
        ...(fields.name != null ? { name: fields.name } : {}),
        ...(fields.description != null ? { description: fields.description } : {}),
        ...(fields.visibility != null ? { visibility: fields.visibility } : {}),
      },
      select: { id: true },
    }),
  );
}

export async function deleteCollection(prisma: PrismaClient, viewerId: number, id: number, ref: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockOwned(tx, viewerId, id, ref);
    await tx.collection.delete({ where: { id }, select: { id: true } });
  });
}

async function requirePaperRow(tx: Tx, paperId: number, ref: string): Promise<void> {
  if (!(await tx.paper.findUnique({ where: { id: paperId }, select: { id: true } }))) throw new NotFoundError("Paper", ref);
}

/**
 * Adds the paper at the end. A paper already there keeps its place; a note given replaces its
 * note (null keeps it, an empty string clears it).
 */
export async function addPaper(
  prisma: PrismaClient,
  viewerId: number,
  id: number,
  ref: string,
  paper: { id: number; ref: string; note: string | null | undefined },
): Promise<NotifiedRecipient[]> {
  // The followers to tell (once the transaction commits) when the paper is new to the collection.
  return changeCollection(prisma, viewerId, id, ref, async (tx) => {
    await requirePaperRow(tx, paper.id, paper.ref);
    const note = paper.note == null ? undefined : paper.note === "" ? null : paper.note;
    const existing = await tx.collectionPaper.findUnique({ where: { collectionId_paperId: { collectionId: id, paperId: paper.id } } });
    if (existing) {
      if (note !== undefined) {
        await tx.collectionPaper.update({ where: { collectionId_paperId: { collectionId: id, paperId: paper.id } }, data: { note } });
      }
      return [];
    }
    const { _count, _max } = await tx.collectionPaper.aggregate({ where: { collectionId: id }, _count: true, _max: { position: true } });
    if (_count >= MAX_PAPERS_PER_COLLECTION) {
      throw new LimitExceededError(
        "PAPERS_PER_COLLECTION",
        MAX_PAPERS_PER_COLLECTION,
        `This collection holds ${MAX_PAPERS_PER_COLLECTION} papers, the most a collection can: remove one first.`,
      );
    }
    await tx.collectionPaper.create({
      data: { collectionId: id, paperId: paper.id, note: note ?? null, position: (_max.position ?? -1) + 1 },
    });
    return notifyCollectionPaper(tx, { collectionId: id, paperId: paper.id, actorId: viewerId });
  });
}

/** Removes the paper; a paper that is not there changes nothing. */
export async function removePaper(prisma: PrismaClient, viewerId: number, id: number, ref: string, paperId: number): Promise<void> {
  await changeCollection(prisma, viewerId, id, ref, (tx) => tx.collectionPaper.deleteMany({ where: { collectionId: id, paperId } }));
}

/**
 * Moves the paper right after `afterPaperId`, or first when that is null, and renumbers the
 * collection 0..n-1 in two set-based statements (through negative positions, so the unique
 * (collection, position) index never sees two rows on one position).
 */
export async function movePaper(
  prisma: PrismaClient,
  viewerId: number,
  id: number,
  ref: string,
  paper: { id: number; ref: string },
  after: { id: number; ref: string } | null,
): Promise<void> {
  await changeCollection(prisma, viewerId, id, ref, async (tx) => {
    const inCollection = (paperId: number) =>
      tx.collectionPaper.findUnique({ where: { collectionId_paperId: { collectionId: id, paperId } }, select: { position: true } });
    if (!(await inCollection(paper.id))) throw new NotFoundError("Paper in this collection", paper.ref);
    let afterPosition = -1;
    if (after) {
      const found = await inCollection(after.id);
      if (!found) throw new NotFoundError("Paper in this collection", after.ref);
      afterPosition = found.position;
    }
    await tx.$executeRaw`
      UPDATE collection_paper AS cp SET position = -1 - ordered.rank
      FROM (
        SELECT paper_id,
               row_number() OVER (ORDER BY CASE WHEN paper_id = ${paper.id} THEN ${afterPosition}::int4 ELSE position END,
                                           CASE WHEN paper_id = ${paper.id} THEN 1 ELSE 0 END) - 1 AS rank
        FROM collection_paper WHERE collection_id = ${id}
      ) AS ordered
      WHERE cp.collection_id = ${id} AND cp.paper_id = ordered.paper_id`;
    await tx.$executeRaw`UPDATE collection_paper SET position = -1 - position WHERE collection_id = ${id}`;
  });
}

/** Follows a collection someone can see; only public ones can be followed (NotFound for another's private one). */
export async function followCollection(prisma: PrismaClient, viewerId: number, id: number, ref: string): Promise<void> {
  const found = await prisma.collection.findFirst({ where: { id, ...visibleTo(viewerId) }, select: { visibility: true } });
  if (!found) throw new NotFoundError("Collection", ref);
  if (found.visibility !== "PUBLIC") throw new ForbiddenError("Only public collections can be followed.");
  await prisma.collectionFollow.createMany({ data: [{ userId: viewerId, collectionId: id }], skipDuplicates: true });
}

/** Stops following a collection the viewer can see; not following it changes nothing. */
export async function unfollowCollection(prisma: PrismaClient, viewerId: number, id: number, ref: string): Promise<void> {
  if (!(await prisma.collection.findFirst({ where: { id, ...visibleTo(viewerId) }, select: { id: true } }))) {
    throw new NotFoundError("Collection", ref);
  }
  await prisma.collectionFollow.deleteMany({ where: { userId: viewerId, collectionId: id } });
}
