// PostgreSQL's errors as the importer reads them: by SQLSTATE and the error's fields (table, column,
// constraint), never by the words of its message, which depend on the server's version and language.

/** The fields of an error from the server (pg's DatabaseError). */
export interface PgError extends Error {
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
} as const;

/** Whether the error came from the server (it has a SQLSTATE), not from the client or the file system. */
export function isServerError(error: unknown): error is PgError {
  return error instanceof Error && typeof (error as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((error as PgError).code!);
}

/** An integrity constraint violation (class 23): a rule the schema holds, broken by the rows. */
export function isConstraintViolation(error: unknown): error is PgError {
  return isServerError(error) && error.code!.startsWith('23');
}

export function isUniqueViolation(error: unknown): boolean {
  return isServerError(error) && error.code === SQLSTATE.uniqueViolation;
}

/**
 * A rule the database enforces but the importer's checks did not catch, in the problem format: the column
 * the error names, and the rule in words. A broken reference from another table (the rows of `table` are
 * not the ones being loaded) is a stored row that would lose what it refers to.
 */
export function describeDatabaseError(error: PgError, loading: string, replace: boolean): { column: string | null; value: null; rule: string } {
  if (error.code === SQLSTATE.foreignKeyViolation && error.table && error.table !== loading) {
    return { column: error.column ?? null, value: null, rule: `${replace ? 'the full extract (replace) would remove' : 'cannot change'} a row that ${error.table} still refers to` };
  }
  const which = error.constraint ? ` (${error.constraint})` : '';
  return { column: error.column ?? null, value: null, rule: `the database refused the rows${which}: ${error.message}` };
}
