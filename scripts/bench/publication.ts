// Publishing a month with all its geographies (reporting.md, "Publication"): the release frozen for the
// county, every area and every district, and the county's four board packs (PDF and workbook, with and
// without suppression) rendered and stored in the same transaction. Then the first download of a
// district's pack, rendered and stored on demand, and a second one, read back as stored.
import type pg from 'pg';
import { upsertUser } from '../../api/src/access/users.js';
import { createDb } from '../../api/src/db/kysely.js';
import { SnapshotCache } from '../../api/src/lib/snapshot.js';
import { publishMonth, storedBoardPack } from '../../api/src/reporting/publication.js';

export interface PublicationBench {
  month: string;
  geographies: number;
  /** Milliseconds of each publication (each makes a new version). */
  publishMs: number[];
  firstDistrictPackMs: number;
  storedPackMs: number;
}

export const PUBLICATION_RUNS = 3;

export async function benchPublication(pool: pg.Pool): Promise<PublicationBench> {
  const db = createDb(pool);
  const snapshot = await new SnapshotCache(db).current();
  const month = snapshot.months.latestComplete ?? snapshot.months.latest;
  if (!month) throw new Error('no month to publish: the data are empty');
  const user = await upsertUser(pool, { email: 'bench-approver@localhost', name: 'Benchmark approver', role: 'approver' });
  const signedIn = { id: user.id, email: user.email, name: user.name, role: 'approver' as const, scope: null };
  const publishMs: number[] = [];
  for (let run = 0; run < PUBLICATION_RUNS; run++) {
    const started = performance.now();
    await publishMonth(db, pool, snapshot, { month, note: `Benchmark run ${run + 1}`, acceptIncompleteData: true, user: signedIn });
    publishMs.push(performance.now() - started);
  }
  const district = snapshot.districts[0]!.code;
  let started = performance.now();
  await storedBoardPack(pool, month, 1, 'pdf', district, true);
  const firstDistrictPackMs = performance.now() - started;
  started = performance.now();
  await storedBoardPack(pool, month, 1, 'pdf', district, true);
  const storedPackMs = performance.now() - started;
  const areaCount = new Set(snapshot.districts.map((d) => d.areaCode)).size;
  return { month, geographies: 1 + areaCount + snapshot.districts.length, publishMs, firstDistrictPackMs, storedPackMs };
}

export function formatPublicationBench(bench: PublicationBench): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const sorted = [...bench.publishMs].sort((a, b) => a - b);
  return [
    `Publishing ${bench.month} (${bench.geographies} geographies frozen, the county's 4 board packs rendered and stored), `
      + `${bench.publishMs.length} runs: median ${ms(sorted[Math.floor(sorted.length / 2)]!)}, `
      + `slowest ${ms(sorted[sorted.length - 1]!)} (target: under 2 s)`,
    `A district's suppressed PDF: first download (rendered and stored) ${ms(bench.firstDistrictPackMs)}, `
      + `next download (stored) ${ms(bench.storedPackMs)}`,
  ].join('\n');
}
