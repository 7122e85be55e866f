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
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached. Check the connection and try again.', 0, 'network');
  }
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as T;
}

/** Reads the API's error envelope from a failed response (or keeps the status line). */
async function errorFrom(response: Response): Promise<ApiError> {
  let message = `The server answered ${response.status} ${response.statusText}`.trim();
  let code = 'http_error';
  try {
    const body = (await response.json()) as { error?: string; message?: string };
    if (body.message) message = body.message;
    if (body.error) code = body.error;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(message, response.status, code);
}

/** A state-changing request with a JSON body (or none); the JSON answer, or null for 204. */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin), {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('The server could not be reached. Check the connection and try again.', 0, 'network');
  }
  if (!response.ok) throw await errorFrom(response);
  return (response.status === 204 ? null : await response.json()) as T;
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
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      let body: { error?: string; message?: string } | null = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON.
      }
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(new ApiError(body?.message ?? `The server answered ${request.status}`, request.status, body?.error ?? 'http_error'));
    };
    request.onerror = () => reject(new ApiError('The upload was cut off. Check the connection and try again.', 0, 'network'));
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
