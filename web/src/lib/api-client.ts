// The one way the web app talks to the API: JSON over fetch, with the API's error envelope
// ({ error, message }) turned into an ApiError whose message a user can read. Writes carry the session's
// CSRF token (x-csrf-token, from GET /api/me); a 401 (signed out, session expired) goes to the sign-in page
// and back to the page afterwards.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** The error's whole JSON body, for routes whose errors say more than the envelope (e.g. a row's problems). */
    readonly body: unknown = null,
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

/** The session's CSRF token, sent with every write; set when GET /api/me answers. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Once the page is leaving (signing out, or already on its way to sign in), a late 401 from a request still in
 * flight must not send it somewhere else: after Sign out, to the sign-in page with a return address instead of
 * the page that says they signed out.
 */
let leaving = false;

/** Where the app goes when the server says it is not signed in (replaced in tests: jsdom cannot navigate). */
export const navigation = {
  toSignIn(): void {
    if (leaving) return;
    leaving = true;
    const here = `${window.location.pathname}${window.location.search}`;
    window.location.assign(here === '/' ? '/auth/login' : `/auth/login?returnTo=${encodeURIComponent(here)}`);
  },
  to(path: string): void {
    leaving = true;
    window.location.assign(path);
  },
};

const SAFE_METHODS = new Set(['GET', 'HEAD']);

async function request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const url = new URL(path, window.location.origin);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached. Check the connection and try again.', 0, 'network');
  }
  if (response.status === 401) navigation.toSignIn();
  return response;
}

export async function getJson<T>(path: string, params: QueryParams = {}, signal?: AbortSignal): Promise<T> {
  return readJson<T>(await request('GET', apiPath(path, params), undefined, signal));
}

/** A write (POST, PUT, DELETE) with a JSON body; the answer's JSON, or undefined for 204. */
export async function sendJson<T = undefined>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return readJson<T>(await request(method, path, body));
}

async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) {
    let message = `The server answered ${response.status} ${response.statusText}`.trim();
    let code = 'http_error';
    let body: { error?: string; message?: string } | null = null;
    try {
      body = (await response.json()) as { error?: string; message?: string };
      if (body.message) message = body.message;
      if (body.error) code = body.error;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(message, response.status, code, body);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Sends a file as a request body with upload progress (fetch cannot report it), cancellable with `signal`.
 * Resolves with the JSON answer; rejects with an ApiError naming what went wrong, or an AbortError.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', new URL(path, window.location.origin));
    request.setRequestHeader('content-type', 'text/csv');
    request.setRequestHeader('accept', 'application/json');
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      let body: { error?: string; message?: string } | null = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON.
      }
      if (request.status === 401) navigation.toSignIn();
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(new ApiError(body?.message ?? `The server answered ${request.status}`, request.status, body?.error ?? 'http_error'));
    };
    request.onerror = () => reject(new ApiError('The upload was cut off. Check the connection and try again.', 0, 'network'));
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
