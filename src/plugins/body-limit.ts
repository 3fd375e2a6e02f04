// The request body limit (BODY_LIMIT), in place of Yoga's own (`maxRequestBodySize`), which passes
// every body through a TransformStream, declared length or not: the stream's pipe and the abort of
// its finished pipeline were 2% of a paper page's CPU (bench/README.md "Round 6"). Node's HTTP
// parser ends a body at its declared Content-Length (and refuses one that also says chunked), so a
// declared length within the limit is all the check such a request needs; only a body without a
// declared length is counted as it streams. Errors and statuses are Yoga's: 400 for a malformed
// length, 413 beyond the limit.
import { createGraphQLError, type Plugin } from "graphql-yoga";

// One non-negative integer; anything else (a sign, a list as in request smuggling) is malformed.
const CONTENT_LENGTH = /^\d+$/;

const tooLarge = () =>
  createGraphQLError("Request body too large", { extensions: { http: { status: 413 }, code: "REQUEST_ENTITY_TOO_LARGE" } });

/** `request` with its body cut off by an error once more than `limit` bytes have streamed. */
function counted(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  const body = request.body;
  if (!body) return request;
  let read = 0;
  // A native stream must be piped through a native TransformStream (graphql-yoga issue 4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    duplex: "half",
  } as RequestInit);
}

export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get("content-length");
      if (declared != null) {
        if (!CONTENT_LENGTH.test(declared)) {
          throw createGraphQLError("Content-Length header is invalid.", { extensions: { http: { status: 400 }, code: "BAD_REQUEST" } });
        }
        if (Number(declared) > limit) throw tooLarge();
        return;
      }
      if (requestParser == null || request.body == null) return;
      setRequestParser((req) => requestParser(counted(req, limit, fetchAPI)));
    },
  };
}
