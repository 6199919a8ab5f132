import { sqlMigration } from '@hub/runtime/migrate';

export const ChildIndex = sqlMigration(
  'ChildIndex1763830000000',
  `
  CREATE TABLE child (
    id uuid PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  -- Keyed hashes (HMAC) of NHS number, UPN and LA-qualified child id; never the identifiers.
  CREATE TABLE child_identifier (
    kind text NOT NULL CHECK (kind IN ('NHS', 'UPN', 'LA')),
    hash text NOT NULL,
    child_id uuid NOT NULL REFERENCES child(id),
    PRIMARY KEY (kind, hash)
  );
  CREATE INDEX child_identifier_child ON child_identifier (child_id);
  `,
  `DROP TABLE child_identifier; DROP TABLE child;`,
);
