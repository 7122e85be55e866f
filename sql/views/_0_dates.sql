-- Date functions every measure uses (the file sorts first: the views below call them). Their bodies are
-- SQL-standard (RETURN ...), resolved when created, so they also work where PostgreSQL runs queries with
-- a restricted search_path (REFRESH MATERIALIZED VIEW).

-- The first day of the month a date falls in (months are stored as their first day).
CREATE OR REPLACE FUNCTION month_of(day date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN date_trunc('month', day::timestamp)::date;

-- Age in whole years completed on a date: the one age rule of every indicator. age() counts calendar
-- years and months, so a child born on 29 February is a year older on 1 March in non-leap years
-- (on 28 February they are not yet).
CREATE OR REPLACE FUNCTION age_in_years(born date, on_date date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN extract(year FROM age(on_date::timestamp, born::timestamp))::integer;

-- The first month at whose end a person born on `born` is aged `years` or more: the month of that
-- birthday, or the month after it when the birthday is 29 February of a non-leap year.
-- Defined through age_in_years, so both always agree.
CREATE OR REPLACE FUNCTION month_reaching_age(born date, years integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN age_in_years(born, (date_trunc('month', born + make_interval(years => years)) + interval '1 month - 1 day')::date) >= years
    THEN date_trunc('month', born + make_interval(years => years))::date
  ELSE (date_trunc('month', born + make_interval(years => years)) + interval '1 month')::date
END;
