// The tables an advising agency's subgraph adds (in a migration): its copy of the requests
// addressed to it, the advice itself (one row per version, never updated), and the outbox.
import { outboxTablesSql } from '@hub/host/outbox/tables';

export function adviceTablesSql(): string {
  return `
  -- Requests for advice addressed to this agency, as education sent them (peer message).
  CREATE TABLE advice_request (
    id uuid PRIMARY KEY,
    child_id uuid NOT NULL,
    organisation text NOT NULL,
    advice_type text NOT NULL,
    requested_on date NOT NULL,
    due_on date NOT NULL CHECK (due_on >= requested_on),
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX advice_request_organisation ON advice_request (organisation, due_on);
  CREATE INDEX advice_request_child ON advice_request (child_id);
  -- Advice: one row per version. An amendment is a new version; nothing is ever updated.
  CREATE TABLE advice (
    id uuid NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    request_id uuid NOT NULL REFERENCES advice_request(id),
    child_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    submitted_by text NOT NULL,
    submitted_org text NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    author_name text NOT NULL,
    author_role text NOT NULL,
    advice_date date NOT NULL,
    needs jsonb NOT NULL,
    outcomes jsonb NOT NULL,
    provision jsonb NOT NULL,
    PRIMARY KEY (id, version),
    -- A client retry with the same key finds the first result instead of writing again.
    UNIQUE (submitted_by, idempotency_key)
  );
  -- One piece of advice per request; further thoughts are versions of it.
  CREATE UNIQUE INDEX advice_one_per_request ON advice (request_id) WHERE version = 1;
  CREATE INDEX advice_child ON advice (child_id);
  CREATE FUNCTION advice_is_never_edited() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'advice is never edited or deleted: amend it as a new version';
  END $$;
  CREATE TRIGGER advice_never_edited BEFORE UPDATE OR DELETE ON advice FOR EACH ROW EXECUTE FUNCTION advice_is_never_edited();
  ${outboxTablesSql()}`;
}

export const DROP_ADVICE_TABLES_SQL = 'DROP TABLE outbox, advice, advice_request; DROP FUNCTION advice_is_never_edited();';
