// The linter: typescript-eslint's recommended rules, imports sorted and type imports marked the
// same way everywhere. Formatting is Prettier's job (npm run format), so no style rules here, but
// one: Prettier breaks code at 140 columns but not strings or comments, so max-len keeps those there.
import simpleImportSort from "eslint-plugin-simple-import-sort";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", "src/generated/", "test/gql/", "data/", "test-output/", "bench/postgraphile/node_modules/"],
  },
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
);
