// The Import page's routes: upload batches, their checks and loads, and the import history.
import { Type, type Static } from 'typebox';
import { Nullable, StringEnum } from './common.js';

export const UploadedFileSchema = Type.Object({
  name: Type.String({ description: '<dataset>.csv, or as-at.txt' }),
  dataset: Nullable(Type.String({ description: 'The dataset the file is named after; null for as-at.txt' })),
  bytes: Type.Integer(),
});

export const ImportProblemSchema = Type.Object({
  file: Type.String(),
  line: Nullable(Type.Integer({ description: 'The line in the file (the header is line 1); null for the whole file' })),
  column: Nullable(Type.String()),
  value: Nullable(Type.String({ description: 'The offending value as written; null when empty' })),
  rule: Type.String({ description: 'The rule it breaks, in words' }),
});

export const FileReportSchema = Type.Object({
  dataset: Type.String(),
  file: Type.String(),
  rows: Type.Integer({ description: 'Data rows in the file' }),
  changed: Type.Integer({ description: 'Rows inserted or changed' }),
  removed: Type.Integer({ description: 'Rows removed by a full extract' }),
});

export const UploadBatchSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  state: StringEnum(['receiving', 'checking', 'checked', 'loading', 'loaded', 'refused', 'failed'],
    'receiving: files may be added; checking/loading: running; checked: the dry run found no problem; loaded: committed (the files are deleted); refused: problems found, nothing loaded; failed: an unexpected error, nothing loaded'),
  files: Type.Array(UploadedFileSchema),
  maxFileBytes: Type.Integer({ description: 'The largest file accepted (UPLOAD_MAX_FILE_MB)' }),
  run: Nullable(Type.Object({ replace: Type.Boolean(), asAt: Nullable(Type.String({ format: 'date' })), dryRun: Type.Boolean() })),
  progress: Nullable(Type.Object({
    dataset: Type.String(), file: Type.String(), bytesRead: Type.Integer(), bytesTotal: Type.Integer(), rows: Type.Integer(),
  })),
  waitingFor: Nullable(Type.String({ description: 'Whom the import waits for, while it waits' })),
  result: Nullable(Type.Object({
    ok: Type.Boolean(),
    files: Type.Array(FileReportSchema),
    problems: Type.Array(ImportProblemSchema, { description: 'Up to 100 per file' }),
    problemCount: Type.Integer({ description: 'Problems found in all' }),
    warnings: Type.Array(Type.String()),
    ms: Nullable(Type.Integer()),
  })),
  error: Nullable(Type.String()),
});
export type UploadBatchResponse = Static<typeof UploadBatchSchema>;

export const RunRequestSchema = Type.Object({
  replace: Type.Optional(Type.Boolean({ description: 'Each file is a full extract: stored rows absent from it are removed', default: false })),
  asAt: Type.Optional(Nullable(Type.String({ format: 'date', description: 'The date the extracts were taken (YYYY-MM-DD); default: as-at.txt, else the latest event date of the batch' }))),
}, { additionalProperties: false });

export const ImportRunSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  importedBy: Type.String({ description: 'The user, cli:<os user> for the command line, start:fixtures for the first start' }),
  source: StringEnum(['upload', 'command_line', 'first_start']),
  dryRun: Type.Boolean(),
  replace: Type.Boolean(),
  asAtGiven: Nullable(Type.String({ format: 'date' })),
  outcome: StringEnum(['loaded', 'checked', 'refused', 'failed']),
  problemCount: Type.Integer(),
  files: Type.Array(Type.Object({
    dataset: Type.String(), file: Type.String(), rows: Type.Integer(), changed: Type.Integer(), removed: Type.Integer(),
    asAt: Nullable(Type.String({ format: 'date' })),
  })),
});
export const ImportHistorySchema = Type.Object({ runs: Type.Array(ImportRunSchema) });
export type ImportHistoryResponse = Static<typeof ImportHistorySchema>;
