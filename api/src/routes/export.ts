// Downloads for the Joint Commissioning Board: the scorecard as CSV and as a workbook, one indicator's
// series and the caseloads as CSV, each optionally in publication mode (suppress=true). Handlers call the
// same query functions as the JSON routes and only turn their answers into files.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { CONTEXT_MEASURES, INDICATORS, findIndicator } from '../indicators/catalog.js';
import { badRequest } from '../lib/errors.js';
import { addMonths, monthIndex, monthRange } from '../lib/months.js';
import type { Snapshot } from '../lib/snapshot.js';
import { CASELOAD_CODE, getCaseloads } from '../queries/caseloads.js';
import { coverageAt } from '../queries/coverage.js';
import { breakdown, districtGeography, resolveGeography, type Geography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { getScorecard } from '../queries/scorecard.js';
import { getSeries, type SeriesMeasure } from '../queries/series.js';
import { toCsv } from '../export/csv.js';
import { loadLatestImports, loadSuppressionPlans } from '../export/data.js';
import {
  CASELOADS_CSV_HEADER, SCORECARD_CSV_HEADER, SERIES_CSV_HEADER, caseloadCsvRow, caseloadFigures, caseloadRows,
  caseloadsFileName, scorecardCsvRow, scorecardFileName, scorecardRows, seriesCsvRow, seriesFileName, seriesRows,
  type ScorecardSuppression,
} from '../export/rows.js';
import { planSuppression, SuppressionPlan } from '../export/suppression.js';
import { buildScorecardWorkbook } from '../export/workbook.js';
import { errorResponses } from '../schemas/common.js';
import { CaseloadsExportQuery, CSV_FILE, file, ScorecardExportQuery, SeriesExportQuery } from '../schemas/export.js';

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, type: string, fileName: string, body: string | Buffer) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** The districts as the suppression module sees them. */
const districtRefs = (snapshot: Snapshot) => snapshot.districts.map((d) => ({ code: d.code, areaCode: d.areaCode }));

const KPI_CODES = INDICATORS.map((i) => i.code);

/** Plans for the month and the month a year earlier (for the previous year's value). */
async function scorecardSuppression(
  app: Parameters<FastifyPluginAsyncTypebox>[0], snapshot: Snapshot, month: string,
): Promise<ScorecardSuppression> {
  const previous = addMonths(month, -12);
  const plans = await loadSuppressionPlans(app.db, { districts: districtRefs(snapshot), codes: KPI_CODES, months: [month, previous] });
  return { current: plans.get(month)!, previousYear: plans.get(previous)! };
}

function findMeasure(code: string): SeriesMeasure | undefined {
  const indicator = findIndicator(code);
  if (indicator) return indicator;
  const context = CONTEXT_MEASURES.find((m) => m.code === code);
  return context ? { code: context.code, unit: context.unit, polarity: null, yearBasis: null } : undefined;
}

/**
 * Every download: read access, audited; live figures, so refused to partners (they download the suppressed board
 * packs of published months). Staff choose publication mode with suppress=true.
 */
const EXPORT_ACCESS = { access: 'read', liveFigures: true, audit: 'export' } as const;

const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/export/scorecard.csv', {
    config: EXPORT_ACCESS,
    schema: {
      summary: 'The scorecard as CSV: one row per indicator, every scorecard field as a plain column',
      tags: ['export'],
      querystring: ScorecardExportQuery,
      response: { 200: CSV_FILE, ...errorResponses },
    },
  }, async (request, reply) => {
    const { month, suppress = false } = request.query;
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', month);
    const geography = resolveGeography(snapshot.districts, request.query);
    const [scorecard, suppression] = await Promise.all([
      getScorecard(app.db, snapshot, month, geography),
      suppress ? scorecardSuppression(app, snapshot, month) : null,
    ]);
    const body = toCsv(SCORECARD_CSV_HEADER, scorecardRows(scorecard, suppression).map(scorecardCsvRow));
    return sendFile(reply, CSV, scorecardFileName(month, geography, suppress, 'csv'), body);
  });

  app.get('/api/export/scorecard.xlsx', {
    config: EXPORT_ACCESS,
    schema: {
      summary: 'The scorecard workbook: Scorecard, By district, Caseloads, Definitions and About sheets',
      tags: ['export'],
      querystring: ScorecardExportQuery,
      response: { 200: file(XLSX, 'An Excel workbook'), ...errorResponses },
    },
  }, async (request, reply) => {
    const { month, suppress = false } = request.query;
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', month);
    const geography = resolveGeography(snapshot.districts, request.query);
    const [scorecard, districtScorecards, caseloads, imports, suppression] = await Promise.all([
      getScorecard(app.db, snapshot, month, geography),
      Promise.all(snapshot.districts.map((d) => getScorecard(app.db, snapshot, month, districtGeography(d)))),
      getCaseloads(app.db, snapshot.districts, month, coverageAt(snapshot.coverage, CASELOAD_CODE, month)),
      loadLatestImports(app.db),
      suppress ? scorecardSuppression(app, snapshot, month) : null,
    ]);
    const body = await buildScorecardWorkbook({
      scorecard,
      districts: snapshot.districts,
      districtScorecards,
      caseloads,
      imports,
      generatedAt: new Date(),
      suppression: suppression
        ? { scorecard: suppression, caseloads: planSuppression(districtRefs(snapshot), caseloadFigures(caseloads)) }
        : null,
    });
    return sendFile(reply, XLSX, scorecardFileName(month, geography, suppress, 'xlsx'), body);
  });

  app.get('/api/export/series.csv', {
    config: EXPORT_ACCESS,
    schema: {
      summary: 'One indicator over time as CSV, at one geography or by district or area',
      tags: ['export'],
      querystring: SeriesExportQuery,
      response: { 200: CSV_FILE, ...errorResponses },
    },
  }, async (request, reply) => {
    const { code, by, suppress = false } = request.query;
    const measure = findMeasure(code);
    if (!measure) throw badRequest(`query parameter 'code' is not an indicator code, got '${code}' (see /api/indicators)`);
    const snapshot = await app.snapshots.current();
    if (request.query.from !== undefined) assertMonthInData(snapshot.months, 'from', request.query.from);
    if (request.query.to !== undefined) assertMonthInData(snapshot.months, 'to', request.query.to);
    const geography = resolveGeography(snapshot.districts, request.query);
    const from = request.query.from ?? snapshot.months.first;
    const to = request.query.to ?? snapshot.months.latest;
    if (from === null || to === null) throw badRequest('no data has been loaded yet, so there is no series to export');
    if (monthIndex(from) > monthIndex(to)) throw badRequest(`from=${from} is after to=${to}`);
    const groups: Geography[] = by ? breakdown(snapshot.districts, geography, by) : [geography];
    const [points, plans] = await Promise.all([
      getSeries(app.db, snapshot, { measure, from, to, groups }),
      suppress
        ? loadSuppressionPlans(app.db, { districts: districtRefs(snapshot), codes: [code], months: monthRange(from, to) })
        : null,
    ]);
    const geographyByCode = new Map(groups.map((g) => [g.code, g]));
    const rows = seriesRows(
      { code, points },
      (geographyCode) => geographyByCode.get(geographyCode) ?? geography,
      plans ? (month) => plans.get(month) ?? SuppressionPlan.none() : null,
    );
    const body = toCsv(SERIES_CSV_HEADER, rows.map(seriesCsvRow));
    return sendFile(reply, CSV, seriesFileName(code, from, to, geography, by, suppress), body);
  });

  app.get('/api/export/caseloads.csv', {
    config: EXPORT_ACCESS,
    schema: {
      summary: 'Open early help caseload by district, area and county against baseline and target, as CSV',
      tags: ['export'],
      querystring: CaseloadsExportQuery,
      response: { 200: CSV_FILE, ...errorResponses },
    },
  }, async (request, reply) => {
    const { month, suppress = false } = request.query;
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', month);
    const caseloads = await getCaseloads(app.db, snapshot.districts, month, coverageAt(snapshot.coverage, CASELOAD_CODE, month));
    const plan = suppress ? planSuppression(districtRefs(snapshot), caseloadFigures(caseloads)) : null;
    const body = toCsv(CASELOADS_CSV_HEADER, caseloadRows(caseloads, plan).map(caseloadCsvRow));
    return sendFile(reply, CSV, caseloadsFileName(month, suppress), body);
  });
};

export default exportRoutes;
