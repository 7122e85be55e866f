// Errors a handler raises on purpose; the error handler (plugins/errors.ts) turns them into the one
// envelope `{ error, message }`. Anything else is an internal error whose details are only logged.
import type { ErrorResponse } from '../schemas/common.js';

/** The envelope's codes, as the contract declares them (api/src/schemas/common.ts). */
export type ErrorCode = ErrorResponse['error'];

export class HttpError extends Error {
  constructor(readonly statusCode: number, readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const unavailable = (message: string) => new HttpError(503, 'unavailable', message);

// Errors that mean "the database cannot be reached or did not answer", as opposed to a bug.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
  /Connection timed out/i,
  /database did not answer/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code)) return true;
      // Class 08 connection exception, 57P01-57P03 shutdown/cannot connect now, 57014 statement timeout.
      if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '57014') return true;
    }
    if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}
