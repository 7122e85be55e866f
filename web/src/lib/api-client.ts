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
  return (await response.json()) as T;
}
