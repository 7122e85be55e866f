// The months the data covers (report_months, rebuilt by each import).
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { badRequest } from '../lib/errors.js';
import { dateToMonth, monthIndex } from '../lib/months.js';

export interface MonthRange { first: string | null; latest: string | null }

export async function loadMonthRange(db: Db): Promise<MonthRange> {
  const row = await db.selectFrom('report_months')
    .select([sql<string | null>`min(month)`.as('first'), sql<string | null>`max(month)`.as('latest')])
    .executeTakeFirst();
  return {
    first: row?.first ? dateToMonth(row.first) : null,
    latest: row?.latest ? dateToMonth(row.latest) : null,
  };
}

/** 400 unless `month` lies within the data; names the parameter and the range. */
export function assertMonthInData(range: MonthRange, parameter: string, month: string): void {
  if (!range.first || !range.latest) {
    throw badRequest(`${parameter}=${month} is outside the data: no data has been loaded yet`);
  }
  if (monthIndex(month) < monthIndex(range.first) || monthIndex(month) > monthIndex(range.latest)) {
    throw badRequest(`${parameter}=${month} is outside the data, which covers ${range.first} to ${range.latest}`);
  }
}
