-- 001: the sandbox's first schema (payments and the request log).
-- IF NOT EXISTS: a database made before migrations were versioned (user_version 0)
-- already has these tables; this file then only stamps it as version 1.
CREATE TABLE IF NOT EXISTS payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    merchant_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,             -- new, success, error
    token TEXT NOT NULL UNIQUE,       -- the payment page's customer token
    testing_mode TEXT NOT NULL,
    idempotency_key TEXT,
    fields TEXT NOT NULL,             -- every field of the creating request, JSON
    created_at TEXT NOT NULL,
    paid_at TEXT,
    card_pan TEXT,
    card_name TEXT,
    reference TEXT,
    auth_code TEXT,
    failure_code TEXT,
    failure_description TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS payments_idempotency
    ON payments (merchant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS payments_order ON payments (merchant_id, order_id);
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    headers TEXT NOT NULL,
    raw_body TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- Payment ids start at 1000001: like real ones, they are big numbers.
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'payments', 1000000 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'payments');
