// A codegen hook for the reader page's operations (codegen.ts): the client preset in documentMode
// "string" writes each one as `new TypedDocumentString(`...`) as unknown as TypedDocumentString<R, V>`,
// a double cast that hides any mismatch. The class is generic, so the same value is typed by its
// constructor's type arguments instead: `new TypedDocumentString<R, V>(`...`)`.
//
//   node scripts/typed-document-strings.js <file>...   (idempotent)
import { readFileSync, writeFileSync } from "node:fs";

const CAST = /new TypedDocumentString\((`[^`]*`(?:, \{[^}]*\})?)\) as unknown as TypedDocumentString<([^;]+)>;/g;

for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, "utf8");
  const typed = source.replace(CAST, "new TypedDocumentString<$2>($1);");
  if (typed !== source) writeFileSync(file, typed);
}
