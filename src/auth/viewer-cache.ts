// Who a bearer token signs in, remembered by each instance for VIEWER_CACHE_SECONDS. Without it
// every signed-in request first reads its token, a statement and a round trip before anything else
// can run: remembering it took the signed-in daily feed's CPU per request down by about 7% in the
// server and 4% in PostgreSQL (bench/README.md, "Round 8").
//
// What could make a remembered sign-in wrong, and what drops it:
//  - the token is revoked (logOut, revokeApiToken, a password change): the tokensRevoked event, on
//    every instance, at once;
//  - the user's role or name changes (setUserRole, updateProfile): the viewersChanged event, likewise
//    (the handle, the email and the sign-up date never change);
//  - the token expires: its expiry is remembered with it and checked on every use;
//  - a change made behind the API's back (SQL by hand): seen within VIEWER_CACHE_SECONDS.
// Only valid tokens are remembered: a stream of made-up tokens cannot push real ones out.
import { LRUCache } from "lru-cache";

import type { Role, TokenKind } from "../generated/prisma/client.ts";
import type { LiveEvent } from "../live/events.ts";

/** The signed-in user's own row, as far as `me` is most often asked for it (src/schema/user.ts). */
export interface ViewerProfile {
  id: number;
  handle: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
}

/** The columns of a ViewerProfile, as a Prisma select: read with the user whenever someone signs in. */
export const VIEWER_PROFILE = {
  id: true,
  handle: true,
  name: true,
  email: true,
  role: true,
  createdAt: true,
} satisfies Record<keyof ViewerProfile, true>;

/** Who a request is signed in as, and with which token. */
export interface Viewer extends ViewerProfile {
  tokenId: number;
  /** SESSION (from logIn/signUp) or API (a named token for bots). */
  tokenKind: TokenKind;
}

/**
 * The viewer of `user` signed in with `token`: the profile's columns only (not whatever else the
 * row read carries, such as a password hash). Frozen: a remembered one is every later request's.
 */
export function viewerOf(user: ViewerProfile, token: { id: number; kind: TokenKind }): Viewer {
  const { id, handle, name, email, role, createdAt } = user;
  return Object.freeze({ id, handle, name, email, role, createdAt, tokenId: token.id, tokenKind: token.kind });
}

export interface CachedSignIn {
  viewer: Viewer;
  /** Epoch ms, or null for a token that never expires. */
  expiresAt: number | null;
  /** Epoch ms of the last lastUsedAt this instance read or wrote (null: never used). */
  lastUsedAt: number | null;
}

export class ViewerCache {
  private readonly entries: LRUCache<string, CachedSignIn> | undefined;
  /**
   * Moves on every drop. A lookup that started before a drop does not store what it read: the
   * token it read as valid may be the one just revoked.
   */
  private generation = 0;

  constructor(ttlSeconds: number, max = 10_000) {
    this.entries = ttlSeconds > 0 ? new LRUCache({ max, ttl: ttlSeconds * 1000 }) : undefined;
  }

  /** The sign-in remembered for this token hash, if it has not expired by `now`. */
  get(tokenHash: string, now: number): CachedSignIn | undefined {
    const entry = this.entries?.get(tokenHash);
    if (entry?.expiresAt != null && entry.expiresAt <= now) {
      this.entries!.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  /** The mark to pass to `set` for a lookup about to start. */
  get mark(): number {
    return this.generation;
  }

  /** Remembers a valid token's sign-in, unless something was dropped since `mark` was read. */
  set(tokenHash: string, entry: CachedSignIn, mark: number): void {
    if (mark === this.generation) this.entries?.set(tokenHash, entry);
  }

  /** Drops what an event makes stale; every other event changes nothing here. */
  onEvent(e: LiveEvent): void {
    if (e.kind === "tokensRevoked") this.drop((entry) => e.payload.tokenIds.includes(entry.viewer.tokenId));
    else if (e.kind === "viewersChanged") this.drop((entry) => e.payload.userIds.includes(entry.viewer.id));
  }

  private drop(stale: (entry: CachedSignIn) => boolean): void {
    this.generation += 1;
    if (!this.entries) return;
    // Revocations and role changes are rare next to requests: a walk over at most `max` entries.
    const keys: string[] = [];
    for (const [key, entry] of this.entries.entries()) if (stale(entry)) keys.push(key);
    for (const key of keys) this.entries.delete(key);
  }
}
