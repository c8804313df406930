-- 040: callbacks the sandbox sends to the shop: check_url (before a payment is
-- charged), result_url (after it is decided) and post_link (payouts, card
-- storage). One row per notification, one more per attempt to deliver it.
-- Delivered by the worker (sandbox/worker.php) or, for check_url, at once by
-- the request that is about to charge. See src/Notifications.php.
CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    merchant_id TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- check, result, post_link
    subject TEXT NOT NULL,               -- what pg_payment_id names: payment, payout, card_session
    payment_id INTEGER NOT NULL,         -- that pg_payment_id
    url TEXT NOT NULL,
    method TEXT NOT NULL,                -- GET, POST or XML (one pg_xml field)
    key_name TEXT NOT NULL,              -- the merchant key that signs it: payment or payout
    fields TEXT NOT NULL,                -- JSON, in order, without pg_salt and pg_sig (fresh ones each attempt)
    can_reject INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,                -- pending, delivered, failed (given up)
    outcome TEXT,                        -- the verdict of the last attempt (ok, rejected, http_status, ...)
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_interval INTEGER NOT NULL,     -- seconds between attempts
    retry_window INTEGER NOT NULL,       -- seconds after the first attempt in which retries are made
    first_at REAL NOT NULL,              -- unix time the first attempt was due
    next_at REAL,                        -- unix time the next attempt is due; null: none, or not the worker's
    claimed_until REAL,                  -- a worker is delivering it until then
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_due ON notifications (status, next_at);
CREATE INDEX IF NOT EXISTS notifications_subject ON notifications (subject, payment_id, id);

CREATE TABLE IF NOT EXISTS notification_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL REFERENCES notifications (id),
    attempt INTEGER NOT NULL,            -- 1, 2, ...
    started_at TEXT NOT NULL,            -- UTC, milliseconds
    duration_ms INTEGER NOT NULL,
    url TEXT NOT NULL,                   -- as requested (GET: with the query string)
    method TEXT NOT NULL,
    request TEXT NOT NULL,               -- JSON: the fields sent, pg_salt and pg_sig included
    http_status INTEGER,                 -- null: no HTTP answer
    reply TEXT,                          -- the reply's body (at most 64 KiB)
    verdict TEXT NOT NULL,
    detail TEXT                          -- the verdict in words
);
CREATE INDEX IF NOT EXISTS notification_attempts_notification ON notification_attempts (notification_id, attempt);

-- A payment the shop rejected in its reply to the first result_url call
-- (pg_can_reject=1): refunded or cancelled, and the payer sent to the failure URL.
ALTER TABLE payments ADD COLUMN rejected_at TEXT;
ALTER TABLE payments ADD COLUMN reject_description TEXT;
