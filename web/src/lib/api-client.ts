// The one way the web app talks to the API: JSON over fetch, with the API's error envelope
// ({ error, message }) turned into an ApiError whose message a user can read.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParams = Record<string, string | number | undefined | null>;

/** '/api/x' plus the defined parameters, in a stable order. */
export function apiPath(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export async function getJson<T>(path: string, params: QueryParams = {}, signal?: AbortSignal): Promise<T> {
  const url = new URL(apiPath(path, params), window.location.origin);
  const response = await send(url, { headers: { accept: 'application/json' }, signal });
  return (await response.json()) as T;
}

/** fetch, with a network failure and any answer but 2xx turned into an ApiError. */
async function send(url: URL, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached. Check the connection and try again.', 0, 'network');
  }
  if (!response.ok) {
    let message = `The server answered ${response.status} ${response.statusText}`.trim();
    let code = 'http_error';
    try {
      const body = (await response.json()) as { error?: string; message?: string };
      if (body.message) message = body.message;
      if (body.error) code = body.error;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(message, response.status, code);
  }
  return response;
}

// A change made with the session cookie carries the session's CSRF token (header x-csrf-token), which
// GET /api/me gives; asked once, and again after a refusal (a new session has a new token).
let csrfToken: Promise<string | null> | null = null;
function sessionCsrfToken(): Promise<string | null> {
  csrfToken ??= getJson<{ csrfToken?: string | null }>('/api/me').then((me) => me.csrfToken ?? null);
  csrfToken.catch(() => { csrfToken = null; });
  return csrfToken;
}

/** A change (POST, PATCH, DELETE) with a JSON body or none; the JSON answer, or undefined for 204. */
export async function sendJson<T = undefined>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = await sessionCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = new URL(path, window.location.origin);
  try {
    const response = await send(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return (response.status === 204 ? undefined : await response.json()) as T;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) csrfToken = null;
    throw error;
  }
}
