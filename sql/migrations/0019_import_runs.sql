-- The import history the Import page lists: every load and check, from the browser, the command line or the
-- first start, with who ran it, the files and rows, the as-at dates it left and its outcome. (The audit log
-- records the same events for administrators; this table is what analysts read.)
CREATE TABLE import_runs (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- The signed-in user's e-mail, cli:<os user> for the command line, start:fixtures for the first start.
  imported_by text NOT NULL,
  source text NOT NULL CHECK (source IN ('upload', 'command_line', 'first_start')),
  dry_run boolean NOT NULL,
  replace boolean NOT NULL,
  -- The as-at date given (--as-at, as-at.txt or the page); null when worked out from the batch.
  as_at_given date,
  outcome text NOT NULL CHECK (outcome IN ('loaded', 'checked', 'refused', 'failed')),
  problem_count integer NOT NULL DEFAULT 0 CHECK (problem_count >= 0),
  -- [{ dataset, file, rows, changed, removed, asAt }] (asAt: the dataset's as-at date after the import).
  files jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX import_runs_at ON import_runs (at DESC);
