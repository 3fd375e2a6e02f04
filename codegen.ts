// GraphQL Code Generator: types the operations tests write with `graphql(...)` (into test/gql/),
// and those of the reader page's script (into src/reader/client/gql/), against schema.graphql,
// which `npm run codegen` prints first (src/schema/print.ts).
import type { CodegenConfig } from "@graphql-codegen/cli";

const clientConfig = { useTypeImports: true, scalars: { Date: "string", DateTime: "string" }, enumsAsTypes: true };

const config: CodegenConfig = {
  overwrite: true,
  schema: "schema.graphql",
  ignoreNoDocuments: true,
  // Relative imports with extensions, as ESM with NodeNext resolution requires.
  emitLegacyCommonJSImports: false,
  generates: {
    "test/gql/": {
      documents: ["test/**/*.ts", "!test/gql/**"],
      preset: "client",
      config: clientConfig,
      presetConfig: { fragmentMasking: false },
    },
    // The browser bundle: operations as strings (documentMode "string"), so the page ships no
    // GraphQL parser or printer; they stay typed (TypedDocumentString).
    "src/reader/client/gql/": {
      documents: ["src/reader/client/**/*.ts", "!src/reader/client/gql/**"],
      preset: "client",
      config: { ...clientConfig, documentMode: "string" },
      presetConfig: { fragmentMasking: false },
      hooks: { afterOneFileWrite: ["node scripts/typed-document-strings.js"] },
    },
  },
};

export default config;
