import { sqlMigration } from '@hub/runtime/migrate';

// The episodes of each accepted SSDA903 return, as the return sent them, by the collection year it
// reports: next year's return is checked against them (the DfE 903 rules that need last year's
// return, 502 and 503A-D). Periods (cla_period) stay the hub's model of being looked after; these
// rows are the return's own record, read only by those rules.
export const ClaEpisodes = sqlMigration(
  'ClaEpisodes1765700000000',
  `
  CREATE TABLE cla_episode (
    submission uuid NOT NULL REFERENCES ingest_submission(id),
    collection_end date NOT NULL,
    la_code text NOT NULL,
    la_child_id text NOT NULL,
    decom date NOT NULL,
    dec date,
    rne text,
    ls text,
    cin text,
    place text,
    rec text,
    PRIMARY KEY (submission, la_code, la_child_id, decom)
  );
  CREATE INDEX cla_episode_year ON cla_episode (la_code, collection_end, la_child_id);
  `,
  `DROP TABLE cla_episode;`,
);
