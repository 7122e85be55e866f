-- Who wrote a carried-over text (reporting.md: "Nobody approves a commentary whose latest text they wrote"):
-- a carry_over entry records the writers of the M−1 text it carried (its author, and theirs if that text was
-- itself carried over unchanged). While the item's text is still that text, they and whoever submitted it
-- are its writers: none of them approves it (api/src/signoff/rules.ts). Null on every other action.
ALTER TABLE commentary_history ADD COLUMN carried_writer_ids bigint[];

-- Entries carried before this column existed keep null: the history is append-only, and no migration rewrites
-- it. For those, the submitter alone counts as the writer (the entry's note still names the earlier writer).
