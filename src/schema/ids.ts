// Global ids ("Paper:12", base64) given as arguments: every one is decoded here, so that a
// malformed, forged, out-of-range or wrong-type id is BAD_USER_INPUT naming the argument and what
// was expected, and never reaches the database (where "Paper:1e12" overflowed int4 and came back
// as INTERNAL_SERVER_ERROR).
import { decodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";

import { ArgumentError, invalidInput } from "../errors.ts";

/** Every object with a global id has an int4 serial key. */
const MAX_KEY = 2_147_483_647;
/** The key as the server writes it: no sign, exponent, fraction or leading zero. */
const KEY = /^[1-9][0-9]{0,9}$/;

export function badInput(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argumentName}": ${message}`, { extensions: { code: "BAD_USER_INPUT", argumentName } });
}

/** Runs a service call, answering an argument it refuses (ArgumentError) as the BAD_USER_INPUT error above. */
export async function refusedArguments<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw e instanceof ArgumentError ? badInput(e.argumentName, e.reason) : e;
  }
}

export interface DecodedId {
  typename: string;
  id: number;
}

/**
 * The type name and numeric key of a global id. `accepts` says which type names the argument
 * takes and `expected` names them for the error, e.g. "Paper" or "Node (Paper, Topic, ...)".
 */
export function decodeId(value: string, accepts: (typename: string) => boolean, expected: string, argumentName: string): DecodedId {
  const fail = (why: string) => badInput(argumentName, `"${value.slice(0, 100)}" is not a valid ${expected} id: ${why}`);
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(value);
  } catch {
    throw fail("pass an id the API returned");
  }
  if (!accepts(decoded.typename)) throw fail(`it names a ${decoded.typename.slice(0, 40)}`);
  if (!KEY.test(decoded.id) || Number(decoded.id) > MAX_KEY) throw fail(`its key is not a whole number from 1 to ${MAX_KEY}`);
  return { typename: decoded.typename, id: Number(decoded.id) };
}

/** The numeric database id inside a global id of the given type. */
export function parseGlobalId(value: string, typename: string, argumentName: string): number {
  return decodeId(value, (t) => t === typename, typename, argumentName).id;
}

/** parseGlobalId for mutation arguments: a bad id is a ValidationError result naming the argument. */
export function idArgument(value: string, typename: string, argumentName: string): number {
  try {
    return parseGlobalId(value, typename, argumentName);
  } catch (e) {
    throw invalidInput({ path: [argumentName], message: (e as GraphQLError).message.replace(`Argument "${argumentName}": `, "") });
  }
}
