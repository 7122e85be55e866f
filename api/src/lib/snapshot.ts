// The reference data and computed answers the API reuses between requests, valid for one version of the
// data. `results_version` (sql/migrations/0002_api_results_version.sql) is bumped by every statement that
// changes results or reference data, so one tiny read per request tells whether the cache still holds.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import type { Coverage, TargetRow } from '../indicators/status.js';
import { loadCoverage } from '../queries/coverage.js';
import { loadDistricts, type District } from '../queries/geography.js';
import { loadMonthRange } from '../queries/months.js';
import { loadComparators, loadTargets } from '../queries/targets.js';
import type { MonthsResponse } from '../schemas/months.js';
import type { Comparator } from '../schemas/scorecard.js';

export interface Snapshot {
  version: string;
  districts: District[];
  months: MonthsResponse;
  targets: Map<string, TargetRow[]>;
  comparators: Map<string, Comparator[]>;
  /** Each measure's coverage by month, keyed `code|YYYY-MM` (see coverageAt). */
  coverage: Map<string, Coverage>;
  /** Answers computed from this version of the data (e.g. scorecards per month and geography). */
  memo: Map<string, Promise<unknown>>;
}

const MAX_MEMO_ENTRIES = 5000;

export class SnapshotCache {
  private snapshot: Promise<Snapshot> | null = null;
  private version: string | null = null;

  constructor(private readonly db: Db) {}

  private inFlight: Promise<string> | null = null;
  private queued: Promise<string> | null = null;

  /**
   * The current data version. Requests that arrive while a read is running share the next read, which
   * starts after they arrived: so a request never sees a version older than its own arrival, and under
   * load the database answers one tiny read per batch of requests rather than one per request.
   */
  readVersion(): Promise<string> {
    if (!this.inFlight) {
      const read = sql<{ version: string }>`SELECT version::text AS version FROM results_version`.execute(this.db)
        .then(({ rows }) => rows[0]?.version ?? '0');
      this.inFlight = read.finally(() => { this.inFlight = null; });
      return this.inFlight;
    }
    if (!this.queued) {
      this.queued = this.inFlight.catch(() => undefined).then(() => {
        this.queued = null;
        return this.readVersion();
      });
    }
    return this.queued;
  }

  async current(): Promise<Snapshot> {
    const version = await this.readVersion();
    if (this.snapshot === null || this.version !== version) {
      this.version = version;
      const loading = this.load(version);
      this.snapshot = loading;
      // A failed load must not stick.
      loading.catch(() => {
        if (this.snapshot === loading) { this.snapshot = null; this.version = null; }
      });
    }
    return this.snapshot;
  }

  private async load(version: string): Promise<Snapshot> {
    const [districts, months, targets, comparators, coverage] = await Promise.all([
      loadDistricts(this.db), loadMonthRange(this.db), loadTargets(this.db), loadComparators(this.db), loadCoverage(this.db),
    ]);
    return { version, districts, months, targets, comparators, coverage, memo: new Map() };
  }
}

/** The memoised answer for `key` in this snapshot, computed once (failures are not kept). */
export function memoise<T>(snapshot: Snapshot, key: string, compute: () => Promise<T>): Promise<T> {
  const existing = snapshot.memo.get(key);
  if (existing) return existing as Promise<T>;
  if (snapshot.memo.size >= MAX_MEMO_ENTRIES) snapshot.memo.clear();
  const promise = compute();
  snapshot.memo.set(key, promise);
  promise.catch(() => snapshot.memo.delete(key));
  return promise;
}
