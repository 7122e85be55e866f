// The months the data speaks for (indicators.md, "Coverage"), from the coverage the refresh computes.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { INDICATORS } from '../indicators/catalog.js';
import { badRequest } from '../lib/errors.js';
import { dateToMonth, monthIndex } from '../lib/months.js';
import type { MonthsResponse } from '../schemas/months.js';

/** The KPIs counted over a rolling twelve-month window. */
const ROLLING_KPIS = INDICATORS.filter((i) => i.reads.some((r) => r.window === 'rolling')).map((i) => i.code);

export async function loadMonthRange(db: Db): Promise<MonthsResponse> {
  const { rows: [row] } = await sql<{ first_full: string | null; first_covered: string | null; latest: string | null; latest_complete: string | null }>`
    SELECT (SELECT min(month) FROM measure_coverage WHERE coverage = 'full' AND indicator_code = ANY(${ROLLING_KPIS}::text[])) AS first_full,
           (SELECT min(month) FROM dataset_months) AS first_covered,
           (SELECT max(month) FROM dataset_months) AS latest,
           (SELECT max(month) FROM (
              SELECT month FROM dataset_months GROUP BY month
              HAVING count(*) = (SELECT count(*) FROM dataset_coverage c
                                 WHERE c.row_count > 0 AND EXISTS (SELECT 1 FROM dataset_months d WHERE d.dataset = c.dataset))
            ) complete) AS latest_complete`.execute(db);
  const month = (date: string | null | undefined) => (date ? dateToMonth(date) : null);
  return {
    first: month(row?.first_full ?? row?.first_covered),
    latest: month(row?.latest),
    latestComplete: month(row?.latest_complete),
  };
}

/** 400 unless `month` lies within the data; names the parameter and the range. */
export function assertMonthInData(range: MonthsResponse, parameter: string, month: string): void {
  if (!range.first || !range.latest) {
    throw badRequest(`${parameter}=${month} is outside the data: no data has been loaded yet`);
  }
  if (monthIndex(month) < monthIndex(range.first) || monthIndex(month) > monthIndex(range.latest)) {
    throw badRequest(`${parameter}=${month} is outside the data, which covers ${range.first} to ${range.latest}`);
  }
}
