// GraphQL Code Generator: types the operations tests write with `graphql(...)` (into test/gql/),
// against schema.graphql, which `npm run codegen` prints first (src/schema/print.ts).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  overwrite: true,
  schema: "schema.graphql",
  documents: ["test/**/*.ts", "!test/gql/**"],
  ignoreNoDocuments: true,
  // Relative imports with extensions, as ESM with NodeNext resolution requires.
  emitLegacyCommonJSImports: false,
  generates: {
    "test/gql/": {
      preset: "client",
      config: { useTypeImports: true, scalars: { Date: "string", DateTime: "string" }, enumsAsTypes: true },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
