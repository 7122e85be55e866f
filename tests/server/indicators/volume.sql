-- Synthetic volume for timing the refresh (not a test, not committed data): fills every record table
-- with random rows in roughly the proportions of the real extracts, :scale times over. Run on an empty,
-- migrated database:
--   psql "$DATABASE_URL" -v scale=10 -f tests/server/indicators/volume.sql
-- Span: January 2010 to March 2018 (3012 days); absence for academic years 2010 to 2015.
\set ON_ERROR_STOP on
SELECT setseed(0.42);

INSERT INTO districts VALUES
  ('DAR', 'Dartford', 'NORTH', 'North'), ('GRA', 'Gravesham', 'NORTH', 'North'), ('SEV', 'Sevenoaks', 'NORTH', 'North'),
  ('CAN', 'Canterbury', 'EAST', 'East'), ('SWA', 'Swale', 'EAST', 'East'), ('THA', 'Thanet', 'EAST', 'East'),
  ('ASH', 'Ashford', 'SOUTH', 'South'), ('DOV', 'Dover', 'SOUTH', 'South'), ('SHE', 'Shepway', 'SOUTH', 'South'),
  ('MAI', 'Maidstone', 'WEST', 'West'), ('WEA', 'Weald', 'WEST', 'West');

\set codes '''{ASH,CAN,DAR,DOV,GRA,MAI,SEV,SHE,SWA,THA,WEA}''::text[]'

-- Reference data: 900 LSOAs, 85 centres, populations for mid-years 2009 to 2017.
INSERT INTO lsoas SELECT 'L' || i, (:codes)[1 + floor(random() * 11)::int], 1 + floor(random() * 10)::int FROM generate_series(1, 900) i;
INSERT INTO lsoa_populations SELECT lsoa_code, y, 50 + floor(random() * 100)::int FROM lsoas, generate_series(2009, 2017) y;
INSERT INTO childrens_centres SELECT 'C' || i, 'Centre ' || i, (:codes)[1 + floor(random() * 11)::int] FROM generate_series(1, 85) i;
INSERT INTO cc_inspections SELECT centre_id, d, (ARRAY['outstanding','good','requires_improvement','inadequate'])[1 + floor(random() * 4)::int]
FROM childrens_centres, LATERAL (VALUES ('2011-01-01'::date + floor(random() * 700)::int), ('2014-01-01'::date + floor(random() * 700)::int)) v(d);

-- Early help: 10,000 cases a year, children drawn from a pool so that some return.
INSERT INTO early_help_cases
SELECT 'EH' || i, 'K' || floor(random() * 60000 * :scale)::int, (:codes)[1 + floor(random() * 11)::int], n,
       n + a, n + a + p, CASE WHEN c < 3012 - 0 THEN n + a + p + c END,
       CASE WHEN c < 3012 THEN (ARRAY['outcomes_achieved','stepped_up_to_scs','consent_withdrawn','moved_away','other'])[1 + floor(random() * 5)::int] END
FROM (SELECT i, '2010-01-01'::date + floor(random() * 3012)::int AS n, floor(random() * 20)::int AS a,
             floor(random() * 30)::int AS p, floor(random() * 400)::int AS c
      FROM generate_series(1, 82000 * :scale) i) s;
UPDATE early_help_cases SET closed_on = NULL, closure_reason = NULL WHERE closed_on > '2018-03-31';

INSERT INTO scs_referrals SELECT 'R' || i, 'K' || floor(random() * 60000 * :scale)::int, (:codes)[1 + floor(random() * 11)::int],
  '2010-01-01'::date + floor(random() * 3012)::int FROM generate_series(1, 120000 * :scale) i;

INSERT INTO scs_cases
SELECT 'S' || i, 'K' || floor(random() * 60000 * :scale)::int, o - floor(random() * 6500)::int, (:codes)[1 + floor(random() * 11)::int], o,
       CASE WHEN o + l <= '2018-03-31' THEN o + l END, CASE WHEN o + l <= '2018-03-31' THEN random() < 0.2 END
FROM (SELECT i, '2010-01-01'::date + floor(random() * 3012)::int AS o, floor(random() * 700)::int AS l
      FROM generate_series(1, 80000 * :scale) i) s;

-- Children's Centres: 50,000 registrations, 200,000 attendances.
INSERT INTO cc_registrations
SELECT 'K' || i, r - floor(random() * 1800)::int, 'L' || (1 + floor(random() * 900)::int), 'C' || (1 + floor(random() * 85)::int), r
FROM (SELECT i, '2010-01-01'::date + floor(random() * 3012)::int AS r FROM generate_series(1, 50000 * :scale) i) s;
INSERT INTO cc_attendances
SELECT 'A' || i, child_id, centre_id, least(registered_on + floor(random() * 900)::int, '2018-03-31')
FROM (SELECT i, 'K' || (1 + floor(random() * 50000 * :scale)::int) AS child_id FROM generate_series(1, 200000 * :scale) i) s
JOIN cc_registrations USING (child_id);

INSERT INTO ff2_places
SELECT 'F' || i, s, (:codes)[1 + floor(random() * 11)::int], random() < 0.7
FROM generate_series(1, 5000 * :scale) i, generate_series('2013-01-01'::date, '2018-01-01', interval '4 months') s;

INSERT INTO youth_contacts SELECT 'Y' || i, 'K' || floor(random() * 60000 * :scale)::int,
  '2010-01-01'::date + floor(random() * 3012)::int FROM generate_series(1, 100000 * :scale) i;

-- Youth justice: 4,000 outcomes and 2,000 closures a year.
INSERT INTO yj_outcomes
SELECT 'O' || i, p, ('2010-01-01'::date + floor(random() * 3012)::int) - (3650 + floor(random() * 3000)::int), (:codes)[1 + floor(random() * 11)::int],
       '2010-01-01'::date + floor(random() * 3012)::int,
       (ARRAY['community_resolution','youth_caution','youth_conditional_caution','conviction'])[1 + floor(random() * 4)::int]
FROM (SELECT i, 'K' || floor(random() * 15000 * :scale)::int AS p FROM generate_series(1, 33000 * :scale) i) s;
UPDATE yj_outcomes SET young_person_dob = outcome_on - 5000 WHERE young_person_dob >= outcome_on;
INSERT INTO yj_closures SELECT 'YC' || i, 'K' || i, (:codes)[1 + floor(random() * 11)::int], '2010-01-01'::date + floor(random() * 3012)::int,
  random() < 0.5, floor(random() * 40) FROM generate_series(1, 16000 * :scale) i;

-- Participation: 50,000 young people a month for 60 months.
ALTER TABLE neet_activity DROP CONSTRAINT neet_activity_pkey, DROP CONSTRAINT neet_activity_district_code_fkey;
INSERT INTO neet_activity
SELECT 'P' || p, m, (:codes)[1 + floor(random() * 11)::int], 16 + floor(random() * 3)::int,
       (ARRAY['eet','eet','eet','eet','eet','eet','eet','eet','neet','unknown'])[1 + floor(random() * 10)::int]
FROM generate_series('2013-04-01'::date, '2018-03-01', interval '1 month') m, generate_series(1, 50000 * :scale) p;

ALTER TABLE neet_activity ADD PRIMARY KEY (young_person_id, month), ADD FOREIGN KEY (district_code) REFERENCES districts;

INSERT INTO tf_claims SELECT 'T' || i, 1 + floor(random() * 2)::int, (:codes)[1 + floor(random() * 11)::int],
  '2012-06-01'::date + floor(random() * 2100)::int FROM generate_series(1, 5000 * :scale) i;

-- Attendance: 230,000 pupils, three terms, six academic years, written term by term as the extracts come.
-- (Bulk load: the key, as the migrations define it, and the district check are put back after the rows.)
SELECT pg_get_constraintdef(oid) AS absence_key FROM pg_constraint WHERE conname = 'pupil_absence_pkey' \gset
ALTER TABLE pupil_absence DROP CONSTRAINT pupil_absence_pkey, DROP CONSTRAINT pupil_absence_district_code_fkey;
INSERT INTO pupil_absence
SELECT 'U' || p, (:codes)[1 + p % 11], CASE WHEN p % 7 < 4 THEN 'primary' ELSE 'secondary' END, y, t,
       poss, least(poss, floor(random() * random() * 40)::int)
FROM generate_series(2010, 2015) y, unnest(ARRAY['autumn','spring','summer']) t, generate_series(1, 230000 * :scale) p,
     LATERAL (SELECT CASE WHEN random() < 0.01 THEN 0 ELSE 110 + floor(random() * 20)::int END AS poss) v;

ALTER TABLE pupil_absence ADD CONSTRAINT pupil_absence_pkey :absence_key,
  ADD FOREIGN KEY (district_code) REFERENCES districts;

INSERT INTO exclusions SELECT 'X' || i, 'U' || floor(random() * 230000 * :scale)::int, (:codes)[1 + floor(random() * 11)::int],
  CASE WHEN random() < 0.4 THEN 'primary' ELSE 'secondary' END, CASE WHEN random() < 0.02 THEN 'permanent' ELSE 'fixed' END,
  '2010-01-01'::date + floor(random() * 3012)::int FROM generate_series(1, 82000 * :scale) i;

-- Statistics, and every page marked all-visible as a bulk import leaves it (index-only reads).
VACUUM ANALYZE;
