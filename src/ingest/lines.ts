// Lines of a byte stream with a cap on their length. readline (and split2) either buffer a line
// of any length or fail the whole stream on an overlong one; ingestion needs the overlong line
// named, skipped without buffering it, and the lines after it read on. Hence this small splitter.
import { StringDecoder } from "node:string_decoder";

export type Line =
  | { lineNo: number; text: string; bytes?: undefined }
  /** A line longer than the cap: its content was skipped, only its length is known. */
  | { lineNo: number; text?: undefined; bytes: number };

const MAX_LINE_BYTES = 1024 * 1024;

/** The rejection reason for a line over the cap. */
export function overlongLine(bytes: number): string {
  return `the line is ${bytes.toLocaleString("en")} bytes long (at most ${MAX_LINE_BYTES.toLocaleString("en")} per record): skipped`;
}

export async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  let lineNo = 1;
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;

  const finish = (): Line => {
    const line: Line = overlong ? { lineNo, bytes: length } : { lineNo, text: decode(parts, length) };
    lineNo += 1;
    parts = [];
    length = 0;
    overlong = false;
    return line;
  };

  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!overlong && length + (end - start) > maxBytes) {
        overlong = true;
        parts = [];
      }
      if (!overlong) parts.push(chunk.subarray(start, end));
      length += end - start;
      if (nl === -1) break;
      yield finish();
      start = nl + 1;
    }
  }
  if (length > 0 || overlong) yield finish();
}

function decode(parts: Buffer[], length: number): string {
  const text = new StringDecoder("utf8").end(parts.length === 1 ? parts[0]! : Buffer.concat(parts, length));
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
