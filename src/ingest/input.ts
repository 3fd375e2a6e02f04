// Input files as byte streams: gzip detected by its magic bytes and inflated as it streams, and
// the checks every file gets before a parser sees it (empty, binary, truncated or corrupt gzip).
// Nothing here reads a whole file into memory: at most the first HEAD_BYTES are held to sniff.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

/** A failure of a whole input (as opposed to one bad record): one clear message, named by file. */
export class InputError extends Error {
  override name = "InputError";
}

export interface InputFile {
  /** Shown in error locations ("papers.jsonl:12"). */
  name: string;
  /** Size in bytes when known (progress). */
  size?: number;
  /** True when open() works once only (stdin, a request body). */
  oneShot?: boolean;
  /** A fresh stream of the raw bytes, gzip or not; a one-shot input (stdin, a request body) may refuse a second call. */
  open(): AsyncIterable<Buffer | Uint8Array | string>;
}

export function localFile(file: string, name = file, size?: number): InputFile {
  return { name, size, open: () => createReadStream(file, { highWaterMark: 256 * 1024 }) };
}

/** A stream that can be read only once (stdin, an HTTP request body). */
export function oneShotFile(name: string, stream: AsyncIterable<Buffer | Uint8Array | string>): InputFile {
  let used = false;
  return {
    name,
    oneShot: true,
    open() {
      if (used) throw new Error(`${name} can be read only once: spool it first`);
      used = true;
      return stream;
    },
  };
}

/**
 * Copy a one-shot input to a temporary file so it can be read twice (strict mode validates the
 * whole input before writing). The bytes are copied as they are, gzip included.
 */
export async function spool(file: InputFile): Promise<{ file: InputFile; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-spool-"));
  const target = path.join(dir, "input");
  try {
    await pipeline(Readable.from(file.open()), createWriteStream(target));
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new InputError(`${file.name}: cannot be read (${(e as Error).message})`);
  }
  return { file: localFile(target, file.name), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Bytes already in memory (a GraphQL document, an HTTP response, a test's input). */
export function memoryFile(name: string, bytes: Buffer): InputFile {
  return { name, size: bytes.length, open: () => Readable.from([bytes]) };
}

export function textFile(name: string, text: string): InputFile {
  return memoryFile(name, Buffer.from(text, "utf8"));
}

const HEAD_BYTES = 64 * 1024;

/** Counts raw (possibly compressed) bytes as they are read, for progress. */
export interface ByteCounter {
  read: number;
}

/**
 * The decompressed bytes of a file: the head (its first HEAD_BYTES, or the whole file when
 * smaller) for sniffing, and a stream of all chunks, the head included.
 */
export interface OpenedFile {
  head: Buffer;
  gzip: boolean;
  chunks: AsyncIterable<Buffer>;
}

export async function openFile(file: InputFile, counter: ByteCounter = { read: 0 }): Promise<OpenedFile> {
  const raw = file.open();
  const counted = countBytes(raw, counter);
  const rawIt = counted[Symbol.asyncIterator]();
  // The first two bytes decide gzip; a chunk may be a single byte (stdin, HTTP), so gather them.
  const firstRaw: Buffer[] = [];
  let firstLength = 0;
  while (firstLength < 2) {
    const r = await rawIt.next().catch((e: unknown) => {
      throw new InputError(`${file.name}: cannot be read (${(e as Error).message})`);
    });
    if (r.done) break;
    firstRaw.push(r.value);
    firstLength += r.value.length;
  }
  const start = firstRaw.length === 1 ? firstRaw[0]! : Buffer.concat(firstRaw);
  const gzip = start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b;
  const rawChunks = prepend(start, rawIt);
  const decoded = gzip ? gunzip(file.name, rawChunks) : rawChunks;

  const it = decoded[Symbol.asyncIterator]();
  const headParts: Buffer[] = [];
  let headLength = 0;
  while (headLength < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) break;
    headParts.push(r.value);
    headLength += r.value.length;
  }
  // Only the head is sniffed: a document handed over as one 10 MB chunk is neither scanned nor copied whole.
  const gathered = headParts.length === 1 ? headParts[0]! : Buffer.concat(headParts);
  const head = gathered.subarray(0, HEAD_BYTES);
  checkText(file.name, head, gzip);
  return { head, gzip, chunks: prepend(gathered, it) };
}

/** Counts the bytes of a stream as they pass (progress of a read or of an upload). */
export async function* countBytes(stream: AsyncIterable<Buffer | Uint8Array | string>, counter: ByteCounter): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    const b =
      typeof chunk === "string"
        ? Buffer.from(chunk)
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    counter.read += b.length;
    yield b;
  }
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

async function* gunzip(name: string, raw: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const source = Readable.from(raw, { objectMode: false });
  const inflate = createGunzip();
  source.on("error", (e) => inflate.destroy(e));
  source.pipe(inflate);
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === "Z_BUF_ERROR" || /unexpected end/i.test(err.message)) {
      throw new InputError(`${name}: the gzip data is truncated (it ends before the compressed stream does)`);
    }
    if (err.code?.startsWith("Z_")) throw new InputError(`${name}: the gzip data is corrupt (${err.message})`);
    throw new InputError(`${name}: cannot be read (${err.message})`);
  } finally {
    source.destroy();
  }
}

/** Empty input and binary data get one clear error instead of a parser's confusion. */
function checkText(name: string, head: Buffer, gzip: boolean): void {
  const what = gzip ? `${name} (after gunzip)` : name;
  if (head.length === 0 || head.toString("utf8").trim() === "") throw new InputError(`${what} is empty`);
  // A stray NUL is one bad record (rejected, named, and the rest read on); binary data is full of them.
  let control = 0;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
  if (control > 8 && control / head.length > 0.01)
    throw new InputError(`${what} is binary data, not text (${control} control characters in its first ${head.length} bytes)`);
  // A multi-byte character may be cut at the end of the head: decode in streaming mode.
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    throw new InputError(`${what} is not UTF-8 text (binary data or another encoding)`);
  }
}
