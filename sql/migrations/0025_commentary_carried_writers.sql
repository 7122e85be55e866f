-- Who wrote a carried-over text (reporting.md: "Nobody approves a commentary whose latest text they wrote"):
-- a carry_over entry records the writers of the M−1 text it carried (its author, and theirs if that text was
-- itself carried over unchanged). While the item's text is still that text, they and whoever submitted it
-- are its writers: none of them approves it (api/src/signoff/rules.ts). Null on every other action.
ALTER TABLE commentary_history ADD COLUMN carried_writer_ids bigint[];

-- Entries carried before this column existed: the author of the M−1 text they carried, where M−1 still holds
-- that text. The table is append-only; this one-off fill is the migration's, inside its transaction.
ALTER TABLE commentary_history DISABLE TRIGGER commentary_history_append_only;
UPDATE commentary_history h SET carried_writer_ids = ARRAY[p.author_id]
  FROM commentary p
 WHERE h.action = 'carry_over' AND p.month = (h.month - interval '1 month')::date
   AND p.geography_code = h.geography_code AND p.indicator_code = h.indicator_code
   AND p.text = h.text AND p.author_id IS NOT NULL;
ALTER TABLE commentary_history ENABLE ALWAYS TRIGGER commentary_history_append_only;
