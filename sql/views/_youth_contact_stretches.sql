-- For each young person, the months whose rolling window holds a youth contact, as spans
-- [from_month, until_month): a contact in month C is in the windows of months C to C + 11, and contact
-- months closer than twelve months apart merge into one span.
CREATE OR REPLACE VIEW _youth_contact_stretches AS
WITH contact_months AS (
  SELECT DISTINCT young_person_id, month_of(contacted_on) AS month
  FROM youth_contacts
),
marked AS (
  SELECT young_person_id, month,
         CASE WHEN lag(month) OVER (PARTITION BY young_person_id ORDER BY month) >= (month - interval '12 months')::date
              THEN 0 ELSE 1 END AS starts_new
  FROM contact_months
),
numbered AS (
  SELECT young_person_id, month, sum(starts_new) OVER (PARTITION BY young_person_id ORDER BY month) AS stretch
  FROM marked
)
SELECT young_person_id, min(month) AS from_month, (max(month) + interval '12 months')::date AS until_month
FROM numbered
GROUP BY young_person_id, stretch;
