// What the per-operation checks (cost limit, input limits, cursor arguments) learn from a document
// alone, kept beside the document. Yoga's parse cache hands every request with the same query text
// the same DocumentNode, so a WeakMap keyed by it turns a walk with TypeInfo per request into one
// per distinct query; a document a plugin rewrote (input-limits' cleaned literals) is a new object,
// walked afresh and dropped with it.
import type { DocumentNode } from "graphql";

/** `plan(document)` computed once per DocumentNode object. */
export function perDocument<T>(plan: (document: DocumentNode) => T): (document: DocumentNode) => T {
  const plans = new WeakMap<DocumentNode, T>();
  return (document) => {
    let found = plans.get(document);
    if (found === undefined && !plans.has(document)) {
      found = plan(document);
      plans.set(document, found);
    }
    return found as T;
  };
}
