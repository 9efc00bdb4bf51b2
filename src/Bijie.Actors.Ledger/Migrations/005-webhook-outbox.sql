-- Webhook deliveries waiting to be sent, beside the ledger whose commits they announce: a silo that dies leaves
-- them here, and any silo claims them (FOR UPDATE SKIP LOCKED, a lease in next_attempt_at). state: 0 waiting,
-- 1 delivered, 2 dead (attempts used up, or a destination refused): the office's dead-letter view.
-- (webhook_id, event_key) keeps an event announced twice (a batch recovered after its writer died) to one delivery.
CREATE TABLE IF NOT EXISTS webhook_outbox (
  delivery_id      uuid        PRIMARY KEY,
  webhook_id       text        NOT NULL,
  event_key        text        NOT NULL,
  event_type       text        NOT NULL,
  body             text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  state            smallint    NOT NULL DEFAULT 0,
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_outcome     text,
  finished_at      timestamptz,
  CONSTRAINT webhook_outbox_event UNIQUE (webhook_id, event_key)
);
CREATE INDEX IF NOT EXISTS webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE state = 0;
CREATE INDEX IF NOT EXISTS webhook_outbox_dead ON webhook_outbox (webhook_id, finished_at) WHERE state = 2;
CREATE INDEX IF NOT EXISTS webhook_outbox_delivered ON webhook_outbox (finished_at) WHERE state = 1;
