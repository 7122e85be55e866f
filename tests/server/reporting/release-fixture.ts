// A release of the export tests' hand-made data (tests/server/export/seed.ts) at 2016-02, published on
// 10 March 2016, with approved commentary on every red county indicator and on Dartford's NEET figure.
import { SnapshotCache } from '../../../api/src/lib/snapshot.js';
import { assembleRelease } from '../../../api/src/reporting/release.js';
import type { CommentaryItem } from '../../../api/src/schemas/commentary.js';
import type { Release } from '../../../api/src/schemas/publications.js';
import type { TestDatabase } from '../../support/database.js';
import { MONTH, seedExportData } from '../export/seed.js';

export const APPROVER = { email: 'approver@kent.example', name: 'Alex Approver' };
export const WRITER = { email: 'writer@kent.example', name: 'Sam Writer' };
export const PUBLISHED_AT = new Date('2016-03-10T09:30:00Z');

/** The county commentary's text: the characters the pack must render (– ≥ ’ “ ” £) and a line break. */
export const countyText = (code: string) =>
  `Commentary on ${code}: the figure moved – it is ≥ last year’s, “as expected”, at a cost of £1,200.\nWhat is being done: more visits.`;
export const DARTFORD_TEXT = 'Dartford NEET commentary: a small cohort this month.';

export function approved(indicatorCode: string, geographyCode: string, text: string): CommentaryItem {
  return {
    indicatorCode, geographyCode, text, state: 'approved', required: geographyCode === 'KENT', author: WRITER,
    updatedAt: '2016-03-08T10:00:00.000Z', reviewer: APPROVER, reviewNote: null,
  };
}

export async function seededRelease(t: TestDatabase): Promise<{ release: Release; redCodes: string[] }> {
  await seedExportData(t.pool);
  const snapshot = await new SnapshotCache(t.db).current();
  const summary = {
    dataHeadlines: 'NEET rose to 7.1% – above its floor.', recentActivity: 'Two new family hubs opened.',
    plannedActivity: 'A review of step-down in April.', state: 'approved' as const,
  };
  const base = await assembleRelease(t.db, snapshot, MONTH, {
    commentary: [], summary, publishedBy: APPROVER, note: 'First release', version: 1, publishedAt: PUBLISHED_AT,
  });
  const county = base.scorecards.find((s) => s.geography.code === 'KENT')!;
  const redCodes = county.indicators.filter((i) => i.status === 'red').map((i) => i.code);
  const release = await assembleRelease(t.db, snapshot, MONTH, {
    commentary: [...redCodes.map((code) => approved(code, 'KENT', countyText(code))), approved('neet_16_18_pct', 'DAR', DARTFORD_TEXT)],
    summary, publishedBy: APPROVER, note: 'First release', version: 1, publishedAt: PUBLISHED_AT,
  });
  return { release, redCodes };
}
