// Global ids ("Paper:12", base64) as arguments: decoded here so a malformed one gets an error
// that names the argument and says what was expected.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";
import { invalidInput } from "../errors.ts";

export function badInput(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argumentName}": ${message}`, { extensions: { code: "BAD_USER_INPUT", argumentName } });
}

/** The numeric database id inside a global id of the given type. */
export function parseGlobalId(value: string, typename: string, argumentName: string): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(value);
  } catch {
    throw badInput(argumentName, `"${value.slice(0, 100)}" is not a valid ${typename} id`);
  }
  const id = Number(decoded.id);
  if (decoded.typename !== typename || !Number.isSafeInteger(id) || id < 1) {
    throw badInput(argumentName, `"${value.slice(0, 100)}" is not a valid ${typename} id`);
  }
  return id;
}

/** parseGlobalId for mutation arguments: a malformed id is a ValidationError result naming the argument. */
export function idArgument(value: string, typename: string, argumentName: string): number {
  try {
    return parseGlobalId(value, typename, argumentName);
  } catch {
    throw invalidInput({ path: [argumentName], message: `"${value.slice(0, 100)}" is not a valid ${typename} id` });
  }
}
