// Every import is audited (access.md, "Audit"): which files, rows per dataset, the outcome. One entry per
// command or upload, whatever became of it: loaded, checked (dry run), refused (problems) or failed.
import path from 'node:path';
import type { ImportReport } from '../import/index.js';
import { recordAudit, type AuditEntry } from './audit.js';
import type { Queryable } from './db.js';

export interface ImportRequest {
  /** The folder given, or the files (dataset and path) given one by one. */
  dir?: string | null;
  files?: readonly { dataset: string; path: string }[] | null;
  replace?: boolean;
  dryRun?: boolean;
  asAt?: string;
}

/** The audit entry of an import: its report, or the error that stopped it. */
export function importAuditDetails(request: ImportRequest, outcome: ImportReport | Error): Record<string, unknown> {
  const given = {
    ...(request.dir ? { dir: request.dir } : {}),
    ...(request.files ? { given: request.files.map((f) => ({ dataset: f.dataset, file: path.basename(f.path) })) } : {}),
    replace: request.replace ?? false,
    dryRun: request.dryRun ?? false,
    ...(request.asAt ? { asAt: request.asAt } : {}),
  };
  if (outcome instanceof Error) return { ...given, outcome: 'failed', error: outcome.message.slice(0, 1000) };
  if (!outcome.ok) return { ...given, outcome: 'refused', problems: outcome.problemCount };
  return {
    ...given,
    outcome: outcome.dryRun ? 'checked' : 'loaded',
    files: outcome.files.map((f) => ({ dataset: f.dataset, file: path.basename(f.file), rows: f.rows, changed: f.changed, removed: f.removed })),
  };
}

/** Records the import; an import that ran is never reported as failed because its entry could not be written. */
export async function recordImport(
  db: Queryable, actor: Pick<AuditEntry, 'userId' | 'userEmail' | 'address'>, request: ImportRequest, outcome: ImportReport | Error,
  warn: (message: string) => void = () => {},
): Promise<void> {
  const object = request.dir ? path.basename(path.resolve(request.dir)) : (request.files ?? []).map((f) => f.dataset).join(', ');
  try {
    await recordAudit(db, { ...actor, action: 'import', object, details: importAuditDetails(request, outcome) });
  } catch (error) {
    warn(`warning: the import could not be written to the audit log: ${(error as Error).message}`);
  }
}
