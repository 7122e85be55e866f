// Importing extracts from the browser (the Import page): create an upload, stream each file to it, check it
// (a dry run listing every problem), load it, or cancel it; and the import history. The same importer,
// batch semantics and refresh as `npm run import -- --dir`.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { recordImportRun, loadImportRuns } from '../history/import-runs.js';
import { auditActor } from '../access/audit.js';
import { recordImport } from '../access/import-audit.js';
import { DATASET_NAMES } from '../import/datasets.js';
import { badRequest, HttpError, notFound } from '../lib/errors.js';
import {
  ImportHistorySchema, RunRequestSchema, UploadBatchSchema, UploadedFileSchema, type UploadBatchResponse,
} from '../schemas/imports.js';
import {
  formatBytes, recogniseFile, UploadBatches, UploadConflict, UploadTooLarge,
  type UploadBatch, type UploadSettings,
} from '../uploads/batches.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';

export interface ImportRoutesOptions {
  settings: UploadSettings;
  /** A pool without statement timeouts, for the loads. */
  importPool: pg.Pool;
}

/** Who is uploading: the signed-in user (the route needs one); only they may use their upload. */
function uploader(request: FastifyRequest): { id: string; name: string } {
  const user = request.user!;
  return { id: String(user.id), name: user.email };
}

function present(batch: UploadBatch, maxFileBytes: number): UploadBatchResponse {
  const report = batch.report;
  return {
    id: batch.id,
    state: batch.state,
    files: batch.files,
    maxFileBytes,
    run: batch.run,
    progress: batch.progress && { ...batch.progress, file: fileName(batch.progress.file) },
    waitingFor: batch.waitingFor,
    result: report === null ? null : report.ok
      ? { ok: true, files: report.files.map((f) => ({ ...f, file: fileName(f.file) })), problems: [], problemCount: 0, warnings: report.warnings, ms: Math.round(report.ms) }
      : { ok: false, files: [], problems: report.problems.map((p) => ({ ...p, file: fileName(p.file) })), problemCount: report.problemCount, warnings: report.warnings.map(fileNamesIn), ms: null },
    error: batch.error,
  };
}

/** Problems name the file as uploaded, not the server's folder. */
function fileName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function fileNamesIn(text: string): string {
  return text.replace(/(?:\/[^\s/]+)+\/([^\s/]+)/g, '$1');
}

const conflict = (message: string) => new HttpError(409, 'conflict', message);

const BatchParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'The upload' }) });

const imports: FastifyPluginAsyncTypebox<ImportRoutesOptions> = async (app, options) => {
  const batches = new UploadBatches(options.settings, options.importPool);
  await batches.removeLeftovers();
  app.addHook('onClose', () => batches.close());

  // A file arrives as the raw request body, streamed to disk (never buffered: a scale-1 absence file is over
  // 100 MB). Only for this plugin's routes.
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  const owned = (request: FastifyRequest, id: string): UploadBatch => {
    const batch = batches.get(id);
    if (!batch || batch.ownerId !== uploader(request).id) throw notFound(`No upload ${id}: it was cancelled, loaded long ago or made by someone else`);
    return batch;
  };
  const answer = (batch: UploadBatch) => present(batch, batches.maxFileBytes);
  const mapErrors = (error: unknown): never => {
    if (error instanceof UploadTooLarge) throw new HttpError(413, 'too_large', error.message);
    if (error instanceof UploadConflict) throw conflict(error.message);
    throw error;
  };

  app.post('/api/imports', {
    config: { access: 'import' },
    schema: {
      summary: 'Start an upload of extracts (files are then sent one by one)',
      tags: ['import'],
      response: { 201: UploadBatchSchema, 503: errorResponses[503] },
    },
  }, async (request, reply) => {
    const batch = await batches.create(uploader(request).id);
    return reply.code(201).send(answer(batch));
  });

  app.get('/api/imports/:id', {
    config: { access: 'import' },
    schema: {
      summary: 'An upload: its files, the check or load under way (progress) and its result',
      tags: ['import'],
      params: BatchParams,
      response: { 200: UploadBatchSchema, 404: ErrorResponse },
    },
  }, async (request) => answer(owned(request, request.params.id)));

  app.put('/api/imports/:id/files/:name', {
    config: { access: 'import' },
    schema: {
      summary: 'Send one file of the upload as the request body (text/csv); a file of the same name is replaced',
      tags: ['import'],
      params: Type.Object({
        id: Type.String({ format: 'uuid' }),
        name: Type.String({ description: '<dataset>.csv or as-at.txt', minLength: 1, maxLength: 100 }),
      }),
      response: { 200: UploadedFileSchema, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse },
    },
  }, async (request) => {
    const batch = owned(request, request.params.id);
    const { name } = request.params;
    if (!recogniseFile(name)) {
      throw badRequest(`${name} is not a dataset file: files are named <dataset>.csv (${DATASET_NAMES.join(', ')}) or as-at.txt`);
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > batches.maxFileBytes) {
      throw new HttpError(413, 'too_large', `${name} (${formatBytes(declared)}) is larger than the limit of ${formatBytes(batches.maxFileBytes)} (UPLOAD_MAX_FILE_MB)`);
    }
    if (!request.body || typeof (request.body as NodeJS.ReadableStream).pipe !== 'function') {
      throw badRequest(`send ${name} as the request body with Content-Type text/csv`);
    }
    return await batches.receive(batch, name, request.body as NodeJS.ReadableStream as import('node:stream').Readable).catch(mapErrors);
  });

  app.delete('/api/imports/:id/files/:name', {
    config: { access: 'import' },
    schema: {
      summary: 'Take one file out of the upload',
      tags: ['import'],
      params: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String({ minLength: 1, maxLength: 100 }) }),
      response: { 200: UploadBatchSchema, 404: ErrorResponse, 409: ErrorResponse },
    },
  }, async (request) => {
    const batch = owned(request, request.params.id);
    await batches.removeFile(batch, request.params.name).catch(mapErrors);
    return answer(batch);
  });

  for (const step of ['check', 'load'] as const) {
    app.post(`/api/imports/:id/${step}`, {
      config: { access: 'import' },
      schema: {
        summary: step === 'check'
          ? 'Check the upload as one batch without writing anything (a dry run); poll the upload for the result'
          : 'Load the upload as one batch (all or nothing) and recompute the indicators; poll the upload for the result',
        tags: ['import'],
        params: BatchParams,
        body: RunRequestSchema,
        response: { 202: UploadBatchSchema, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    }, async (request, reply) => {
      const batch = owned(request, request.params.id);
      const who = uploader(request);
      const body = request.body ?? {};
      const run = { replace: body.replace ?? false, asAt: body.asAt ?? null, dryRun: step === 'check' };
      // Who and from where, taken now: the audit entry is written when the run ends.
      const actor = auditActor(request);
      try {
        batches.start(batch, { ...run, importedBy: who.name }, async (done) => {
          await recordImport(app.pool, actor, {
            files: done.files.filter((f) => f.dataset !== null).map((f) => ({ dataset: f.dataset!, path: f.name })),
            replace: run.replace, dryRun: run.dryRun, asAt: run.asAt ?? undefined,
          }, done.report ?? new Error(done.error ?? 'the import stopped'), (message) => request.log.error(message));
          await recordImportRun(app.pool, {
            importedBy: who.name, source: 'upload', dryRun: run.dryRun, replace: run.replace, asAtGiven: run.asAt,
            report: done.report,
          }).catch((error: unknown) => request.log.error({ err: error }, 'could not record the import in the history'));
        });
      } catch (error) {
        mapErrors(error);
      }
      return reply.code(202).send(answer(batch));
    });
  }

  app.delete('/api/imports/:id', {
    config: { access: 'import' },
    schema: {
      summary: 'Cancel an upload: its files are deleted (not while it is being loaded)',
      tags: ['import'],
      params: BatchParams,
      response: { 204: { type: 'null', description: 'Cancelled' }, 404: ErrorResponse, 409: ErrorResponse },
    },
  }, async (request, reply) => {
    await batches.delete(owned(request, request.params.id)).catch(mapErrors);
    return reply.code(204).send(null);
  });

  app.get('/api/imports', {
    config: { access: 'import' },
    schema: {
      summary: 'The import history: every check and load, from the browser, the command line or the first start',
      tags: ['import'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: ImportHistorySchema, 503: errorResponses[503] },
    },
  }, async () => ({ runs: await loadImportRuns(app.pool) }));
};

export default imports;
