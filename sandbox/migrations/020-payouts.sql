-- 020: payouts, signed with the merchant's payout secret key: to a card the
-- recipient enters on a page (reg2nonreg), to a saved card (reg2reg), to a
-- bank account (to_iban), cash by code at an ATM (cbc); the merchant's payout
-- balance they draw from. States: src/Payouts.php (lifecycle kind "payout").
CREATE TABLE IF NOT EXISTS payouts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- pg_payment_id
    merchant_id TEXT NOT NULL,
    order_id TEXT NOT NULL,                 -- unique per merchant: a second payout with it is refused
    type TEXT NOT NULL,                     -- reg2nonreg, reg2reg, to_iban, cbc
    amount TEXT NOT NULL,                   -- decimal, as sent
    currency TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,                   -- new, process, ok, error, expired
    token TEXT UNIQUE,                      -- reg2nonreg: the recipient's page
    user_id TEXT,
    card_id INTEGER,                        -- reg2reg: cards.id
    card_token TEXT,
    card_hash TEXT,                         -- the masked PAN paid to
    card_behavior TEXT,                     -- what that payout test card does (Payouts::CARDS)
    recipient TEXT,                         -- to_iban: the recipient's fields (JSON); cbc: the phone
    post_link TEXT,
    back_link TEXT,
    time_limit TEXT,                        -- pg_order_time_limit (read as UTC)
    debited INTEGER NOT NULL DEFAULT 0,     -- minor units taken from the balance (given back if it fails)
    balance_after INTEGER,                  -- the balance once it was decided (pg_balance of post_link)
    testing_mode TEXT NOT NULL,
    fields TEXT NOT NULL,                   -- the creating request's fields, JSON
    failure_code TEXT,
    failure_description TEXT,
    settle_polls INTEGER,                   -- "process, then ..." cards: status queries still answered "process"
    settle_at TEXT,                         -- ... or decided at this UTC time at the latest
    expires_at TEXT,                        -- cbc: the code is valid until then (UTC)
    executed_at TEXT,                       -- cbc: cbc/exec
    created_at TEXT NOT NULL,
    paid_at TEXT,                           -- decided at
    updated_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS payouts_order ON payouts (merchant_id, order_id);
-- Payout ids start at 7000001, apart from payments (1000001) and operations (5000001).
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'payouts', 7000000 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'payouts');

CREATE TABLE IF NOT EXISTS payout_balances (
    merchant_id TEXT PRIMARY KEY,
    balance INTEGER NOT NULL,               -- minor units (tiyn)
    updated_at TEXT NOT NULL
);
