// Every board pack of a release rendered and stored when it is made (reporting.md: "rendered when the release is
// made and stored with it"): after a publication commits, and at start for any version whose packs are not all
// stored (a server stopped while rendering, a release made before this job existed). One pack at a time, giving
// the event loop back between packs, so readers are served while it works; a download that comes before the
// job reaches its pack renders it on demand (storedBoardPack). Both go through `ensurePackStored`, so a pack is
// rendered once however many ask for it at the same time.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import type { Release } from '../schemas/publications.js';
import { ensurePackStored, loadRelease, PACK_KINDS, type PackKind } from './publication.js';

export interface PackKey {
  kind: PackKind;
  geographyCode: string;
  suppressed: boolean;
}

const keyOf = (pack: PackKey) => `${pack.kind}|${pack.geographyCode}|${pack.suppressed}`;

/** Packs per geography: PDF and workbook, each with and without suppression. */
export const PACKS_PER_GEOGRAPHY = PACK_KINDS.length * 2;

/** Every pack of a release: the county's first (the most read), then each area's, then each district's. */
export function packsOf(release: Release): PackKey[] {
  const codes = [release.geographies.county.code, ...release.geographies.areas.map((a) => a.code),
    ...release.geographies.districts.map((d) => d.code)];
  return codes.flatMap((geographyCode) => PACK_KINDS.flatMap((kind) =>
    [false, true].map((suppressed) => ({ kind, geographyCode, suppressed }))));
}

/** The packs of a version not stored yet, in the order packsOf gives. */
export async function missingPacks(pool: Pick<pg.Pool, 'query'>, release: Release): Promise<PackKey[]> {
  const { rows } = await pool.query<PackKey>(
    `SELECT kind, geography_code AS "geographyCode", suppressed FROM release_files WHERE month = $1::date AND version = $2`,
    [`${release.month}-01`, release.version]);
  const stored = new Set(rows.map(keyOf));
  return packsOf(release).filter((pack) => !stored.has(keyOf(pack)));
}

/** How many packs a version has, by `month|version`, per database: releases never change, so it is read once. */
const packTotals = new Map<string, number>();

/**
 * Per version (`month|version`), how many of its packs are stored and how many it has, oldest version first. Cheap
 * enough for the publications list: the stored ones are counted from the files' keys, and each version's total
 * (4 per geography, counted from the release itself: a release keeps the geographies it was published with) is
 * read once per process. The one place the total is computed in SQL; `packsOf` lists the same packs.
 */
export async function packCounts(pool: Pick<pg.Pool, 'query'>): Promise<Map<string, { stored: number; total: number }>> {
  const database = (pool as { options?: { connectionString?: string } }).options?.connectionString ?? '';
  const [{ rows: versions }, { rows: stored }] = await Promise.all([
    pool.query<{ key: string }>(`SELECT to_char(month, 'YYYY-MM') || '|' || version AS key FROM releases ORDER BY month, version`),
    pool.query<{ key: string; stored: number }>(
      `SELECT to_char(month, 'YYYY-MM') || '|' || version AS key, count(*)::int AS stored FROM release_files GROUP BY month, version`),
  ]);
  const unknown = versions.map((v) => v.key).filter((key) => !packTotals.has(`${database}|${key}`));
  if (unknown.length > 0) {
    const { rows } = await pool.query<{ key: string; total: number }>(`
      SELECT to_char(month, 'YYYY-MM') || '|' || version AS key,
             ($2 * (1 + jsonb_array_length(release->'geographies'->'areas')
                      + jsonb_array_length(release->'geographies'->'districts')))::int AS total
      FROM releases WHERE to_char(month, 'YYYY-MM') || '|' || version = ANY($1::text[])`, [unknown, PACKS_PER_GEOGRAPHY]);
    for (const row of rows) packTotals.set(`${database}|${row.key}`, row.total);
  }
  const storedOf = new Map(stored.map((row) => [row.key, row.stored]));
  return new Map(versions.map(({ key }) => [key, { stored: storedOf.get(key) ?? 0, total: packTotals.get(`${database}|${key}`) ?? 0 }]));
}

/** Versions with fewer packs stored than they have, oldest first. */
export async function versionsWithPacksMissing(pool: Pick<pg.Pool, 'query'>): Promise<{ month: string; version: number; stored: number; total: number }[]> {
  return [...await packCounts(pool)]
    .filter(([, counts]) => counts.stored < counts.total)
    .map(([key, counts]) => {
      const [month, version] = key.split('|');
      return { month: month!, version: Number(version), ...counts };
    });
}

export interface PackJobLog {
  info: (message: string) => void;
  error: (details: { err: unknown }, message: string) => void;
}

// Every job of the process, so that a test (or a script) can wait for all of them without holding the app.
const jobs = new Set<BoardPackJob>();

/** Resolves once every board pack job of the process has nothing left to do (or has been stopped). */
export async function packsRendered(): Promise<void> {
  await Promise.all([...jobs].map((job) => job.idle()));
}

/** The app's background renderer: releases are queued and rendered one pack at a time, in order. */
export class BoardPackJob {
  // Each task runs after the one before; a failed task is logged and the next one still runs.
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  // The versions queued or in hand (`month|version` → how many times), and whether the sweep at start has yet to
  // list what it will render: what `isRendering` answers from.
  private readonly pending = new Map<string, number>();
  private sweepListing = false;

  constructor(private readonly pool: pg.Pool, private readonly log: PackJobLog) {
    jobs.add(this);
  }

  /** A version just committed: render all its packs after whatever is queued. */
  add(month: string, version: number): void {
    if (this.stopped) return;
    this.hold(month, version);
    this.enqueue(() => this.renderVersion(month, version).finally(() => this.release(month, version)));
  }

  /**
   * Whether the job will still work on this version's packs (queued, in hand, or possibly among those the sweep at
   * start is listing). False once it has tried them all: any pack not stored then (a render failed, or the job
   * was stopped) is rendered at its first download.
   */
  isRendering(month: string, version: number): boolean {
    return !this.stopped && (this.sweepListing || this.pending.has(`${month}|${version}`));
  }

  /** Queue every version whose packs are not all stored (at start). */
  sweep(): void {
    if (this.stopped) return;
    this.sweepListing = true;
    this.enqueue(async () => {
      let versions: Awaited<ReturnType<typeof versionsWithPacksMissing>>;
      try {
        versions = await versionsWithPacksMissing(this.pool);
        for (const { month, version } of versions) this.hold(month, version);
      } finally {
        this.sweepListing = false;
      }
      if (versions.length > 0) {
        this.log.info(`board packs: ${versions.length} published version(s) with packs missing `
          + `(${versions.map((v) => `${v.month} v${v.version}: ${v.stored} of ${v.total}`).join(', ')}); rendering them`);
      }
      for (const { month, version } of versions) {
        try {
          if (!this.stopped) await this.renderVersion(month, version);
        } catch (error) {
          // One version that fails (its release unreadable) does not hold up the others.
          this.log.error({ err: error }, `rendering the board packs of ${month} version ${version} failed`);
        } finally {
          this.release(month, version);
        }
      }
    });
  }

  private hold(month: string, version: number): void {
    const key = `${month}|${version}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  private release(month: string, version: number): void {
    const key = `${month}|${version}`;
    const left = (this.pending.get(key) ?? 1) - 1;
    if (left > 0) this.pending.set(key, left);
    else this.pending.delete(key);
  }

  /** Resolves when nothing is queued or running (tasks queued meanwhile are waited for too). */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  /** Stops after the pack being rendered (stored if it finishes); what is left is rendered at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
    jobs.delete(this);
  }

  private enqueue(task: () => Promise<void>): void {
    if (this.stopped) return;
    this.chain = this.chain
      .then(() => (this.stopped ? undefined : task()))
      .catch((error: unknown) => {
        // Not lost: a pack not stored is rendered at its first download, or by the sweep at the next start.
        this.log.error({ err: error }, 'rendering board packs failed');
      });
  }

  private async renderVersion(month: string, version: number): Promise<void> {
    // The publisher's answer (or the start) goes out before the first render takes the processor.
    await nextTurn();
    const release: Release = await loadRelease(this.pool, month, version);
    const missing = await missingPacks(this.pool, release);
    if (missing.length === 0) return;
    const started = performance.now();
    let stored = 0;
    let failed = 0;
    for (const pack of missing) {
      if (this.stopped) break;
      try {
        // Shared with a download of the same pack under way; not rendered again if a download stored it meanwhile.
        if (await ensurePackStored(this.pool, month, version, pack.kind, pack.geographyCode, pack.suppressed)) stored++;
      } catch (error) {
        // One pack that fails does not hold up the others; it is tried again at its download or the next start.
        failed++;
        this.log.error({ err: error }, `the ${pack.kind} board pack of ${month} version ${version} for ${pack.geographyCode}`
          + `${pack.suppressed ? ' (suppressed)' : ''} could not be rendered`);
      }
      // Between packs, requests waiting for the processor are served.
      await nextTurn();
    }
    const total = packsOf(release).length;
    this.log.info(`board packs of ${month} version ${version}: rendered ${stored} of the ${missing.length} missing `
      + `(${total} in all) in ${((performance.now() - started) / 1000).toFixed(1)} s`
      + `${failed ? `; ${failed} failed` : ''}${this.stopped ? '; stopped' : ''}`);
  }
}
