// A GraphQL result's data, for tests that expect some: where `.data!` turned an error into
// "TypeError: cannot read properties of null", the test fails with the GraphQL errors themselves.
// Partial data that came with errors is returned: some tests assert both.

export function data<T>(result: { data?: T | null; errors?: readonly unknown[] }): T {
  if (result.data == null) {
    throw new Error(`expected data, got ${result.errors ? `errors: ${JSON.stringify(result.errors, null, 2)}` : JSON.stringify(result)}`);
  }
  return result.data;
}
