// The linter: typescript-eslint's recommended rules, imports sorted and type imports marked the
// same way everywhere; and for the printed schema (schema.graphql), @graphql-eslint's schema rules.
// Formatting is Prettier's job (npm run format), so no style rules here, but one: Prettier breaks
// code at 140 columns but not strings or comments, so max-len keeps those there.

import { fileURLToPath } from "node:url";

import { includeIgnoreFile } from "@eslint/compat";
import graphqlPlugin from "@graphql-eslint/eslint-plugin";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // What git ignores (builds, generated clients, local scratch files), as Prettier does; then the
  // generated files that are committed.
  includeIgnoreFile(fileURLToPath(new URL(".gitignore", import.meta.url))),
  { ignores: ["test/gql/", "src/reader/client/gql/"] },
  {
    files: ["**/*.ts", "**/*.js"],
    extends: [tseslint.configs.recommended],
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Pothos plugins declare their options by merging into its global namespace.
      "@typescript-eslint/no-namespace": ["error", { allowDeclarations: true }],
      "max-len": ["error", { code: 140, ignoreUrls: true }],
    },
  },
  {
    // Tests read GraphQL responses as untyped JSON.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The printed schema as clients read it (GraphiQL's documentation pane): every entry described,
    // Relay's connection shapes kept. Left out: strict-id-in-types (value types such as PaperLinks
    // or ListingPeriod have no id by design) and input-name (mutations take plain arguments, not
    // one `input`); rules that graphql-js checks when it builds the schema are not repeated.
    files: ["schema.graphql"],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: "schema.graphql" } } },
    plugins: { "@graphql-eslint": graphqlPlugin },
    rules: {
      "@graphql-eslint/require-description": [
        "error",
        {
          types: true,
          rootField: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      "@graphql-eslint/description-style": "error",
      "@graphql-eslint/no-hashtag-description": "error",
      "@graphql-eslint/no-typename-prefix": "error",
      "@graphql-eslint/no-unreachable-types": "error",
      "@graphql-eslint/require-deprecation-reason": "error",
      "@graphql-eslint/unique-enum-value-names": "error",
      // Connections page forwards only; edges may carry value types (an author's place on a paper).
      "@graphql-eslint/relay-arguments": ["error", { includeBoth: false }],
      "@graphql-eslint/relay-connection-types": "error",
      "@graphql-eslint/relay-edge-types": ["error", { shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
      "@graphql-eslint/relay-page-info": "error",
      "@graphql-eslint/no-scalar-result-type-on-mutation": "error",
    },
  },
);
