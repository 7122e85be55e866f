// The few seconds' memory that keeps session and token checks off the database: a request whose session
// (or token) was checked less than CACHE_SECONDS ago is not checked again. Ending a session, revoking a
// token, removing a user or changing a role in this process forgets everything at once; done by another
// process (npm run users), it is honoured within CACHE_SECONDS.
export const CACHE_SECONDS = 5;
/** Bounded, so random cookies or tokens sent in bulk cannot grow it without limit. */
const MAX_ENTRIES = 10_000;

export class ShortCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: Date.now() + CACHE_SECONDS * 1000 });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches: ShortCache<unknown>[] = [];

export function registerCache<T>(): ShortCache<T> {
  const cache = new ShortCache<T>();
  caches.push(cache as ShortCache<unknown>);
  return cache;
}

/** After a change to who may do what (a removal, a role, a revocation): nothing cached is trusted. */
export function forgetCachedAccess(): void {
  for (const cache of caches) cache.clear();
}
