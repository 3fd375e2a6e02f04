// The WebSocket close codes (RFC 6455) the server and its clients use besides graphql-ws's own,
// which graphql-ws exports as `CloseCode`. A leaf, so a test can name them without loading the app.
export const SocketCloseCode = {
  /** A client closing the socket when done. */
  Normal: 1000,
  /** The server shutting down: a client should reconnect, to another instance if there is one. */
  GoingAway: 1001,
} as const;
