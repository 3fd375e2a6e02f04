import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/**
 * The lines of a stream, read as they are consumed. The readline interface is created on the
 * first read: one created earlier would start reading at once and drop the lines emitted before
 * anyone iterates (then wait forever on a closed stream).
 */
export async function* readLines(open: () => NodeJS.ReadableStream): AsyncGenerator<string> {
  const rl = createInterface({ input: open(), crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

export function fileLines(path: string): AsyncGenerator<string> {
  return readLines(() => createReadStream(path, "utf8"));
}
