// Password hashing with scrypt (memory-hard, in node:crypto: nothing to install or compile).
// Stored as "scrypt$N$r$p$salt$hash" so parameters can be raised later without breaking old hashes.
import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from "node:crypto";

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { ...opts, maxmem: 128 * (opts.N ?? 1) * (opts.r ?? 8) * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Constant-time comparison; false for any malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// A real hash with the current parameters, of a password nobody uses: log-in verifies against it
// when there is no such user, so "unknown user" costs the same time as "wrong password".
export const NO_USER_HASH = "scrypt$32768$8$1$kqUHDj15G55j9-CmDZNQVQ$g_HDXc8R7wkAYMY2crEBjGkkqvdAADaaiYxFWX1gIH4";

/** Takes as long as verifyPassword and always fails. */
export async function verifyNoUser(password: string): Promise<false> {
  await verifyPassword(password, NO_USER_HASH);
  return false;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const PASSWORD_RULES =
  `Passwords must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long ` +
  "and must not contain your handle or the name part of your email.";

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, identity: { handle: string; email: string }): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return PASSWORD_RULES;
  const lower = password.toLowerCase();
  const local = identity.email.split("@")[0]!.toLowerCase();
  if (lower.includes(identity.handle.toLowerCase()) || (local.length >= 3 && lower.includes(local))) return PASSWORD_RULES;
  return undefined;
}
