// INTROSPECTION=0: `__schema` and `__type` are refused at validation (graphql-js's own rule), over
// HTTP and WebSocket alike. `__typename` stays: clients need it to tell result types apart.
import { NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";

export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
