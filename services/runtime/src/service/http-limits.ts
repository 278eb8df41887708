// The limits of a service's own HTTP server (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS,
// HTTP_CONNECTION_TIMEOUT_MS, config/fragments.ts) as fastify server options. Node enforces the headers and
// request timeouts (408, then the connection is closed) by checking open connections periodically — every
// 30 s by default, which would let a slow client keep a connection up to 30 s past its limit — so the check
// runs at a quarter of the shorter limit, at most every second.
import type { HttpServerConfig } from '../config/fragments';

export interface HttpServerLimits {
  /** Idle socket timeout (fastify `connectionTimeout`, node `server.setTimeout`). */
  connectionTimeout: number;
  /** Whole request, body included (fastify sets node's `server.requestTimeout` from it). */
  requestTimeout: number;
  /** Passed to `http.createServer`. */
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
}

export function httpServerLimits(c: HttpServerConfig): HttpServerLimits {
  const shorter = Math.min(c.HTTP_HEADERS_TIMEOUT_MS, c.HTTP_REQUEST_TIMEOUT_MS);
  return {
    connectionTimeout: c.HTTP_CONNECTION_TIMEOUT_MS,
    requestTimeout: c.HTTP_REQUEST_TIMEOUT_MS,
    http: {
      headersTimeout: c.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: c.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(shorter / 4))),
    },
  };
}
