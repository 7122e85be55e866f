-- The published month (../shared/spec/reporting.md, "Publication"): each version of a month's release as one
-- immutable row holding the frozen release, the board packs rendered from it, and the withdrawals of versions
-- published in error (kept apart, since a release row never changes). Nothing updates or deletes any of these
-- rows: triggers refuse it, declared ENABLE ALWAYS so that no session setting (session_replication_role)
-- skips them. Who published is copied as e-mail and name, so removing the user keeps them.

CREATE TABLE releases (
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  version integer NOT NULL CHECK (version >= 1),
  published_at timestamptz NOT NULL,
  published_by_id bigint REFERENCES users (id),
  published_by_email text NOT NULL,
  published_by_name text NOT NULL,
  note text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 2000),
  -- The record datasets that did not cover the month when it was published (acceptIncompleteData), else empty.
  incomplete_datasets text[] NOT NULL DEFAULT '{}',
  -- The release as GET /api/publications/{month} answers it (api/src/schemas/publications.ts).
  release jsonb NOT NULL,
  PRIMARY KEY (month, version)
);

CREATE TABLE release_withdrawals (
  month date NOT NULL,
  version integer NOT NULL,
  withdrawn_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_by_id bigint REFERENCES users (id),
  withdrawn_by_email text NOT NULL,
  withdrawn_by_name text NOT NULL,
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
  -- A version is withdrawn once.
  PRIMARY KEY (month, version),
  FOREIGN KEY (month, version) REFERENCES releases (month, version)
);

-- A board pack of a release: the county's are rendered when it is published, the others at their first
-- download; either way stored once, so every download is the same bytes.
CREATE TABLE release_files (
  month date NOT NULL,
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pdf', 'xlsx')),
  geography_code text NOT NULL,
  suppressed boolean NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (month, version, kind, geography_code, suppressed),
  FOREIGN KEY (month, version) REFERENCES releases (month, version)
);

CREATE FUNCTION publication_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published release cannot be changed or deleted (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER releases_immutable BEFORE UPDATE OR DELETE ON releases
  FOR EACH ROW EXECUTE FUNCTION publication_immutable();
ALTER TABLE releases ENABLE ALWAYS TRIGGER releases_immutable;
CREATE TRIGGER releases_no_truncate BEFORE TRUNCATE ON releases
  FOR EACH STATEMENT EXECUTE FUNCTION publication_immutable();
ALTER TABLE releases ENABLE ALWAYS TRIGGER releases_no_truncate;

CREATE TRIGGER release_withdrawals_immutable BEFORE UPDATE OR DELETE ON release_withdrawals
  FOR EACH ROW EXECUTE FUNCTION publication_immutable();
ALTER TABLE release_withdrawals ENABLE ALWAYS TRIGGER release_withdrawals_immutable;
CREATE TRIGGER release_withdrawals_no_truncate BEFORE TRUNCATE ON release_withdrawals
  FOR EACH STATEMENT EXECUTE FUNCTION publication_immutable();
ALTER TABLE release_withdrawals ENABLE ALWAYS TRIGGER release_withdrawals_no_truncate;

CREATE TRIGGER release_files_immutable BEFORE UPDATE OR DELETE ON release_files
  FOR EACH ROW EXECUTE FUNCTION publication_immutable();
ALTER TABLE release_files ENABLE ALWAYS TRIGGER release_files_immutable;
CREATE TRIGGER release_files_no_truncate BEFORE TRUNCATE ON release_files
  FOR EACH STATEMENT EXECUTE FUNCTION publication_immutable();
ALTER TABLE release_files ENABLE ALWAYS TRIGGER release_files_no_truncate;
