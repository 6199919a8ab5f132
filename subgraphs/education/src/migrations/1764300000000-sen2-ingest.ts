import { INGEST_SUBMISSION_TABLE_SQL, sourcedColumnsSql as sourced } from '@hub/ingest/tables';
import { sqlMigration } from '@hub/runtime/migrate';

// Records fed by the LA's SEN case system as its SEN2 return (ingest/sen2): which system and
// submission last wrote each one, its key in that system (so a replayed return updates in place),
// and when the source stopped sending it (closed, not deleted). Rows written otherwise have no
// source and are left alone.
const TABLES = ['education_record', 'sen_need', 'placement', 'needs_assessment', 'ehc_plan'];

export const Sen2Ingest = sqlMigration(
  'Sen2Ingest1764300000000',
  `
  ${INGEST_SUBMISSION_TABLE_SQL}
  ${TABLES.map((t) => sourced(t)).join('\n')}
  -- What the return said of the 20-week exception (TwentyWeekTimeExcp): the SEN2 return carries the
  -- flag, not the exception's kind and dates, so a fed assessment keeps the flag itself.
  ALTER TABLE needs_assessment ADD COLUMN twenty_week_exception boolean;
  -- A final plan recorded in the hub follows its draft; the SEN2 return has no draft date, so a fed
  -- assessment may hold a final issue date alone.
  DO $$ DECLARE c text; BEGIN
    SELECT conname INTO STRICT c FROM pg_constraint WHERE conrelid = 'needs_assessment'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) = 'CHECK (((final_issued_on IS NULL) OR (draft_issued_on IS NOT NULL)))';
    EXECUTE format('ALTER TABLE needs_assessment DROP CONSTRAINT %I', c);
  END $$;
  ALTER TABLE needs_assessment ADD CONSTRAINT needs_assessment_final_after_draft
    CHECK (final_issued_on IS NULL OR draft_issued_on IS NOT NULL OR source_id IS NOT NULL);
  -- "One open assessment / one current plan" holds for what is in force: a closed record (one the
  -- source no longer sends) may have been open when it was closed.
  DROP INDEX needs_assessment_one_open;
  CREATE UNIQUE INDEX needs_assessment_one_open ON needs_assessment (child_id)
    WHERE final_issued_on IS NULL AND not_issued_notice_on IS NULL AND withdrawn_on IS NULL AND decision <> 'N' AND closed_at IS NULL;
  DROP INDEX ehc_plan_one_current;
  CREATE UNIQUE INDEX ehc_plan_one_current ON ehc_plan (child_id) WHERE status <> 'CEASED' AND closed_at IS NULL;
  `,
  `DROP INDEX ehc_plan_one_current; CREATE UNIQUE INDEX ehc_plan_one_current ON ehc_plan (child_id) WHERE status <> 'CEASED';
   DROP INDEX needs_assessment_one_open; CREATE UNIQUE INDEX needs_assessment_one_open ON needs_assessment (child_id)
     WHERE final_issued_on IS NULL AND not_issued_notice_on IS NULL AND withdrawn_on IS NULL AND decision <> 'N';
   ALTER TABLE needs_assessment DROP CONSTRAINT needs_assessment_final_after_draft;
   ALTER TABLE needs_assessment ADD CHECK (final_issued_on IS NULL OR draft_issued_on IS NOT NULL);
   ALTER TABLE needs_assessment DROP COLUMN twenty_week_exception;
   ${TABLES.map((t) => `ALTER TABLE ${t} DROP COLUMN source_system, DROP COLUMN source_id, DROP COLUMN submission, DROP COLUMN source_at, DROP COLUMN closed_at;`).join('\n')}
   DROP TABLE ingest_submission;`,
);
