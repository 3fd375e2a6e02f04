// The ingest cursor: a paper's position in commit order (ingest_seq), in the same encoding the
// `papers` connection uses for its cursors, so a cursor from either can resume the other.
import { decodeBase64, decodeCursorChunk, encodeBase64, encodeCursorChunk } from "@pothos/core";
import { GraphQLError } from "graphql";

export function ingestCursor(seq: bigint): string {
  return encodeBase64(`GPC:${encodeCursorChunk(seq)}`);
}

export function parseIngestCursor(cursor: string, argumentName: string): bigint {
  try {
    const decoded = decodeBase64(cursor);
    if (decoded.startsWith("GPC:")) {
      const value = decodeCursorChunk(decoded.slice(4));
      if (typeof value === "bigint") return value;
      if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Argument "${argumentName}" is not a valid paper cursor: pass a cursor from a papers connection or an earlier delivery.`, {
    extensions: { code: "BAD_USER_INPUT", argumentName },
  });
}
