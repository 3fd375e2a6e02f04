// JSON inputs, streamed: JSON Lines (one record a line) and JSON documents (an array of records,
// e.g. /api/daily_papers, or one record object, e.g. /api/papers/{id}).
import { JSONParser, TokenType } from "@streamparser/json";

import { InputError } from "../input.ts";
import { overlongLine, splitLines } from "../lines.ts";
import type { ParsedItem } from "../record.ts";
import { recordFromJson } from "./json-record.ts";

/** An element of a JSON document larger than this aborts the file (it cannot be skipped alone). */
const MAX_JSON_ELEMENT_BYTES = 8 * 1024 * 1024;
/** Arrays and objects open at once; a Hugging Face daily item nests 4 deep. */
const MAX_JSON_DEPTH = 64;
/** Values in one JSON Lines record (5,000 authors as {name, affiliation} are ~15,000). */
const MAX_LINE_VALUES = 100_000;

/**
 * Why a line cannot be a paper record by its shape alone, or undefined. JSON.parse takes its time
 * with deep nesting (a 1 MiB line of "[" held the event loop 0.7 s) or a swarm of tiny values, so
 * those are refused by a scan that costs far less than the parse.
 */
function lineShapeProblem(text: string): string | undefined {
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return `nested more than ${MAX_JSON_DEPTH} deep: not a paper record`;
      values++;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2c && ++values > MAX_LINE_VALUES) {
      return `more than ${MAX_LINE_VALUES.toLocaleString("en")} values: not a paper record`;
    }
  }
  return undefined;
}

export async function* parseJsonLines(chunks: AsyncIterable<Buffer>, name: string): AsyncGenerator<ParsedItem> {
  for await (const line of splitLines(chunks)) {
    const location = `${name}:${line.lineNo}`;
    if (line.text === undefined) {
      yield { location, error: overlongLine(line.bytes) };
      continue;
    }
    if (line.text.trim() === "") continue;
    const shape = lineShapeProblem(line.text);
    if (shape) {
      yield { location, error: shape };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (e) {
      // JSON allows no raw control character in a string; NUL deserves its own name.
      const nul = line.text.indexOf("\u0000");
      const error = nul === -1 ? `malformed JSON (${(e as Error).message})` : `malformed JSON (a raw NUL character at column ${nul + 1})`;
      yield { location, error };
      continue;
    }
    yield { location, ...recordFromJson(value) };
  }
}

/**
 * A JSON document: each element of a top-level array is one record, or the top-level object is.
 * Elements are handed over as soon as they are parsed and then dropped (keepStack: false).
 */
export async function* parseJsonDocument(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, name: string): AsyncGenerator<ParsedItem> {
  let parser: JSONParser | undefined;
  const ready: ParsedItem[] = [];
  let index = 0;
  let bytesSinceValue = 0;

  const create = (root: "[" | "{") => {
    const p = new JSONParser({ paths: [root === "[" ? "$.*" : "$"], keepStack: false });
    let depth = 0;
    p.onToken = ({ token }) => {
      if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
        if (++depth > MAX_JSON_DEPTH) {
          const what = root === "[" ? `entry ${index + 1}` : "the document";
          throw new InputError(`${name}: ${what} is nested more than ${MAX_JSON_DEPTH} deep: not a paper record`);
        }
      } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
        depth--;
      }
    };
    p.onValue = ({ value }) => {
      index += 1;
      bytesSinceValue = 0;
      ready.push({ location: root === "[" ? `${name}: entry ${index}` : name, ...recordFromJson(value) });
    };
    return p;
  };

  let offset = 0;
  for await (const chunk of chunks) {
    if (!parser) {
      const first = chunk.toString("utf8").trimStart()[0];
      if (first !== "[" && first !== "{") {
        throw new InputError(`${name}: a JSON document must start with [ or {, found ${first === undefined ? "nothing" : `"${first}"`}`);
      }
      parser = create(first);
    }
    try {
      parser.write(chunk);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`${name}: invalid JSON near byte ${offset.toLocaleString("en")} (${(e as Error).message})`);
    }
    offset += chunk.length;
    bytesSinceValue += chunk.length;
    if (bytesSinceValue > MAX_JSON_ELEMENT_BYTES) {
      throw new InputError(`${name}: entry ${index + 1} is larger than ${MAX_JSON_ELEMENT_BYTES / 1024 / 1024} MiB: not a paper record`);
    }
    yield* ready.splice(0);
  }
  if (!parser) throw new InputError(`${name} is empty`);
  try {
    // The parser ends by itself once the root value is complete.
    if (!parser.isEnded) parser.end();
  } catch (e) {
    throw new InputError(`${name}: the JSON document ends before it is complete (${(e as Error).message})`);
  }
  yield* ready.splice(0);
}
