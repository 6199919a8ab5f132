import { sqlMigration } from '@hub/runtime/migrate';

// The commissioning service keeps no child data: only who ran which commissioning query, when,
// so that privacy officers can review them. Results are not kept.
export const QueryLog = sqlMigration(
  'QueryLog1764000000000',
  `
  CREATE TABLE commissioning_query (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    request_id text NOT NULL,
    actor_sub text NOT NULL,
    actor_org text NOT NULL,
    measure text NOT NULL,
    dimensions text[] NOT NULL,
    filter jsonb NOT NULL
  );
  CREATE INDEX commissioning_query_at ON commissioning_query (at DESC);
  CREATE INDEX commissioning_query_actor ON commissioning_query (actor_sub, at DESC);
  `,
  `DROP TABLE commissioning_query;`,
);
