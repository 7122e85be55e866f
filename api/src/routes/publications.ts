// The published month (reporting.md, "Publication" and "Routes"): publish a month as its next version, list
// and read versions, what the live figures revised since, withdraw a version published in error, and the
// stored board packs. Partners read the current version of published months only, in publication mode: the
// board packs (always the suppressed file) and the published views of the scorecard, series, caseloads and commentary; the whole
// release, the readiness and the revisions are staff's (declared per route, enforced by the access plugin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { auditActor, recordAudit } from '../access/audit.js';
import { assertMonthInData } from '../queries/months.js';
import {
  findVersion, listPublications, loadRelease, NotReadyError, packGeographyCode, publishedRelease, publishMonth,
  revisions, storedBoardPack, withdrawVersion, type PackKind,
} from '../reporting/publication.js';
import { BoardPackJob, packCounts } from '../reporting/pack-job.js';
import { publicationBlockers } from '../reporting/readiness.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { file } from '../schemas/export.js';
import {
  BoardPackQuery, NotReadyResponse, PublicationBlockersResponse, PublicationListItem, PublicationParams, PublicationQuery,
  PublicationsQuery, PublicationsResponse, PublishedRelease, PublishRequest, PublishResponse, RevisionsResponse, WithdrawRequest,
} from '../schemas/publishing.js';

const MEDIA: Record<PackKind, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const notFoundResponse = { 404: { ...ErrorResponse, description: 'The month has not been published, or has no such version' } };

export interface PublicationsOptions {
  /** Render every pack of a release in the background (after publishing; at start, those missing). Default true. */
  renderBoardPacks?: boolean;
}

const publications: FastifyPluginAsyncTypebox<PublicationsOptions> = async (app, options) => {
  // Off (a benchmark of the API alone): each pack is rendered at its first download, then stored.
  const packJob = options.renderBoardPacks === false ? null : new BoardPackJob(app.pool, app.log);
  if (packJob) {
    app.addHook('onReady', async () => packJob.sweep());
    // Stopped after the pack in hand, before the app (and its pool) closes; the rest waits for the next start.
    app.addHook('onClose', () => packJob.stop());
  }

  app.get('/api/publications', {
    // Partners list the current version of each month only: never a superseded one, nor a withdrawal.
    config: { access: 'read', currentVersionsOnly: true },
    schema: {
      summary: 'Every published version of every month, newest first, with its note, any withdrawal and how many of its board packs are stored',
      description: "With current=true, each month's current version only. Partners always get that list: "
        + 'the current versions, without superseded or withdrawn ones.',
      tags: ['publication'],
      querystring: PublicationsQuery,
      response: { 200: PublicationsResponse, ...errorResponses },
    },
  }, async (request) => {
    const [publications, packs] = await Promise.all([
      listPublications(app.pool, undefined, request.query.current ?? false), packCounts(app.pool)]);
    return {
      publications: publications.map((item) => {
        const counts = packs.get(`${item.month}|${item.version}`);
        // What the Month close page polls on: only while the job will still make some of the packs missing.
        const rendering = counts !== undefined && counts.stored < counts.total && (packJob?.isRendering(item.month, item.version) ?? false);
        return { ...item, boardPacks: counts && { ...counts, rendering } };
      }),
    };
  });

  app.post('/api/publications', {
    config: { access: 'approve' },
    schema: {
      summary: 'Publish a month: freeze its release as the next version; its board packs are then rendered and stored',
      tags: ['publication'],
      body: PublishRequest,
      response: {
        201: PublishResponse,
        ...errorResponses,
        409: { ...NotReadyResponse, description: 'Required commentary or the executive summary not approved, or a dataset not covering the month' },
      },
    },
  }, async (request, reply) => {
    const snapshot = await app.snapshots.current();
    const { month, note, acceptIncompleteData } = request.body;
    assertMonthInData(snapshot.months, 'month', month);
    try {
      const published = await publishMonth(app.db, app.pool, snapshot, {
        month, note, acceptIncompleteData, user: request.user!,
        record: (client, version) => recordAudit(client, {
          ...auditActor(request), action: 'publication', object: `${month} version ${version}`,
          details: { month, version, note, acceptIncompleteData: acceptIncompleteData ?? false },
        }),
      });
      packJob?.add(month, published.version);
      return reply.code(201).send(published);
    } catch (error) {
      if (!(error instanceof NotReadyError)) throw error;
      return reply.code(409).send({ error: 'not_ready', message: error.message, missing: error.missing, datasets: error.datasets });
    }
  });

  app.get('/api/publications/:month', {
    // The whole release, unsuppressed: partners read it through the published views and the board packs.
    config: { access: 'read', notForPartners: true },
    schema: {
      summary: 'A published month as frozen: scorecards of every geography, trends, caseloads, commentary, summary, coverage',
      description: 'The current version (the latest not withdrawn) unless version is given; a withdrawn version stays readable. '
        + 'Not for partners (403): they read the published views of the scorecard, indicators, caseloads and commentary.',
      tags: ['publication'],
      params: PublicationParams,
      querystring: PublicationQuery,
      response: { 200: PublishedRelease, ...errorResponses, ...notFoundResponse },
    },
  }, async (request) => publishedRelease(app.pool, request.params.month, request.query.version));

  app.get('/api/publications/:month/readiness', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'What blocks publishing the month: required commentary and summary not approved, datasets not covering it',
      tags: ['publication'],
      params: PublicationParams,
      response: { 200: PublicationBlockersResponse, ...errorResponses },
    },
  }, async (request) => {
    const { month } = request.params;
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', month);
    const [blockers, versions] = await Promise.all([publicationBlockers(app.db, app.pool, month, snapshot), listPublications(app.pool, month)]);
    return { month, published: versions.find((v) => v.current)?.version ?? null, ...blockers };
  });

  app.get('/api/publications/:month/revisions', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'What the live figures now say differently from the published version (value or status), per indicator and geography',
      tags: ['publication'],
      params: PublicationParams,
      querystring: PublicationQuery,
      response: { 200: RevisionsResponse, ...errorResponses, ...notFoundResponse },
    },
  }, async (request) => {
    const { month } = request.params;
    const item = await findVersion(app.pool, month, request.query.version);
    const [snapshot, release] = await Promise.all([app.snapshots.current(), loadRelease(app.pool, month, item.version)]);
    return { month, version: item.version, changes: await revisions(app.db, snapshot, release) };
  });

  app.post('/api/publications/:month/withdraw', {
    config: { access: 'approve' },
    schema: {
      summary: 'Withdraw a version published in error: it stays readable, marked withdrawn; the previous version is current again',
      tags: ['publication'],
      params: PublicationParams,
      body: WithdrawRequest,
      response: {
        200: PublicationListItem, ...errorResponses, ...notFoundResponse,
        409: { ...ErrorResponse, description: 'The version was already withdrawn' },
      },
    },
  }, async (request) => {
    const { month } = request.params;
    const { version, reason } = request.body;
    return withdrawVersion(app.pool, month, version, reason, request.user!, (client) => recordAudit(client, {
      ...auditActor(request), action: 'publication_withdrawn', object: `${month} version ${version}`, details: { month, version, reason },
    }));
  });

  for (const kind of ['pdf', 'xlsx'] as const) {
    app.get(`/api/publications/:month/board-pack.${kind}`, {
      // Partners always get the suppressed file of the current version (publicationMode: the access plugin sets
      // suppress=true for them and refuses them version).
      config: { access: 'read', publicationMode: true, audit: 'export' },
      schema: {
        summary: kind === 'pdf' ? 'The board pack as PDF, as stored with the release' : 'The board pack workbook, as stored with the release',
        description: 'The county by default, or an area or district; suppress=true for publication mode. The same bytes at every download.',
        tags: ['publication'],
        params: PublicationParams,
        querystring: BoardPackQuery,
        response: { 200: file(MEDIA[kind], kind === 'pdf' ? 'A PDF document (A4)' : 'An Excel workbook'), ...errorResponses, ...notFoundResponse },
      },
    }, async (request, reply) => {
      const { month } = request.params;
      const { version, suppress = false } = request.query;
      const item = await findVersion(app.pool, month, version);
      const release = await loadRelease(app.pool, month, item.version);
      const geographyCode = packGeographyCode(release, request.query);
      const bytes = await storedBoardPack(app.pool, month, item.version, kind, geographyCode, suppress);
      const name = `board-pack-${month}-v${item.version}-${geographyCode.toLowerCase()}${suppress ? '-suppressed' : ''}.${kind}`;
      return (reply as FastifyReply)
        .type(MEDIA[kind])
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(bytes);
    });
  }
};

export default publications;
