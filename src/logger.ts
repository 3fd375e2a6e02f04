// JSON logs (pino) at LOG_LEVEL. Every line written while a request is served carries its request
// id (`reqId`): the HTTP server (src/http.ts) runs each request in a requestScope, which the
// request-log plugin fills in. So an error a client saw as "Unexpected error." can be found, with
// its stack, by the x-request-id header of the response.
import { AsyncLocalStorage } from "node:async_hooks";

import { type Logger, pino } from "pino";

export type { Logger };

export const requestScope = new AsyncLocalStorage<{ reqId?: string }>();

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "paperboy" },
    mixin: () => {
      const reqId = requestScope.getStore()?.reqId;
      return reqId ? { reqId } : {};
    },
  });
}
