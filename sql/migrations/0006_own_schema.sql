-- The product's objects live in their own schema (api/src/db/own-schema.ts creates it, and moves a
-- database of the old layout, everything in public, into it before the migrations run). Every
-- connection of the product has that schema alone on its search_path, so the SQL stays unqualified.
-- The trigger functions below name tables in their bodies, which PostgreSQL resolves when they run, with
-- the search_path of whoever changed the table: pinned to this migration's, our schema, so a change made
-- from another session (a psql with the default path) checks our districts, never a table of the same
-- name in public.
ALTER FUNCTION check_geography_code() SET search_path FROM CURRENT;
ALTER FUNCTION bump_results_version() SET search_path FROM CURRENT;
ALTER FUNCTION check_targets_geography() SET search_path FROM CURRENT;
