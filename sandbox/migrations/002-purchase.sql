-- 002: the purchase lifecycle: how a payment was made and is decided, two-stage
-- payments, 3-D Secure, slow cards; operations on payments (capture, cancel,
-- refund); recurring profiles; saved cards; sandbox settings.

-- The lifecycle kind of a row (see src/Lifecycle.php); purchases are 'payment'.
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'payment';
-- How it was created: page (init_payment.php, g2g/payment_page), any_amount,
-- card (g2g/payment), recurring (make_recurring_payment.php), saved_card (card/init).
ALTER TABLE payments ADD COLUMN source TEXT NOT NULL DEFAULT 'page';
-- 1: one-stage (captured when paid), 0: two-stage (held until do_capture.php).
ALTER TABLE payments ADD COLUMN auto_clearing INTEGER NOT NULL DEFAULT 1;
ALTER TABLE payments ADD COLUMN user_id TEXT;
-- What the test card does (src/Cards.php), kept instead of the card number.
ALTER TABLE payments ADD COLUMN card_behavior TEXT;
ALTER TABLE payments ADD COLUMN card_exp TEXT;
ALTER TABLE payments ADD COLUMN card_id INTEGER;            -- cards.id for saved-card payments
ALTER TABLE payments ADD COLUMN card_token TEXT;
ALTER TABLE payments ADD COLUMN recurring_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN recurring_lifetime INTEGER; -- months
ALTER TABLE payments ADD COLUMN recurring_profile_id INTEGER;
ALTER TABLE payments ADD COLUMN clearing_amount TEXT;       -- what was captured (decimal)
ALTER TABLE payments ADD COLUMN three_ds_md TEXT;
ALTER TABLE payments ADD COLUMN three_ds_pareq TEXT;
ALTER TABLE payments ADD COLUMN three_ds_pares TEXT;        -- issued by the sandbox ACS
ALTER TABLE payments ADD COLUMN three_ds_result TEXT;       -- Y (authenticated) or N
ALTER TABLE payments ADD COLUMN three_ds_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN three_ds_term_url TEXT;
ALTER TABLE payments ADD COLUMN settle_polls INTEGER;       -- slow cards: status queries still answered "pending"
ALTER TABLE payments ADD COLUMN settle_at TEXT;             -- slow cards: settled at this UTC time at the latest
ALTER TABLE payments ADD COLUMN updated_at TEXT;
-- Payments paid before this migration were all one-stage: captured in full.
UPDATE payments SET clearing_amount = amount WHERE status = 'success';
CREATE UNIQUE INDEX IF NOT EXISTS payments_3ds_md ON payments (three_ds_md) WHERE three_ds_md IS NOT NULL;

-- Captures, cancels and refunds; each gets its own id, like the gateway's
-- refund and revoke payments.
CREATE TABLE IF NOT EXISTS payment_operations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    merchant_id TEXT NOT NULL,
    type TEXT NOT NULL,               -- capture, cancel, refund
    amount TEXT NOT NULL,             -- positive decimal
    status TEXT NOT NULL,             -- success
    reference TEXT NOT NULL,
    fields TEXT NOT NULL,             -- the request's fields (pg_receipt_positions...), JSON
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS payment_operations_payment ON payment_operations (payment_id, id);
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'payment_operations', 5000000
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'payment_operations');

-- Made by a successful payment with pg_recurring_start=1.
CREATE TABLE IF NOT EXISTS recurring_profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    merchant_id TEXT NOT NULL,
    payment_id INTEGER NOT NULL,      -- the first payment
    card_behavior TEXT NOT NULL,
    card_pan TEXT NOT NULL,
    card_name TEXT NOT NULL,
    card_exp TEXT,
    status TEXT NOT NULL,             -- active
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'recurring_profiles', 60000000
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'recurring_profiles');

-- Saved cards. The purchase side pays with them (card/init, pay, direct);
-- card storage (cardstorage/add, list, remove) builds on this table.
CREATE TABLE IF NOT EXISTS cards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- pg_card_id
    merchant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    card_token TEXT NOT NULL UNIQUE,        -- pg_card_token
    card_hash TEXT NOT NULL,                -- masked PAN, 4405-64XX-XXXX-6150
    card_behavior TEXT NOT NULL,            -- what the test card does (src/Cards.php)
    card_exp TEXT,                          -- MM/YY
    card_name TEXT,
    status TEXT NOT NULL,                   -- approved, deleted (card storage may add more)
    recurring_profile_id INTEGER,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS cards_user ON cards (merchant_id, user_id);

-- Sandbox settings changed at run time (POST /_sandbox/settings), shared by all workers.
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
