-- 021: card storage: v1/merchant/{id}/cardstorage/add, add2 and
-- cardstoragepayout/add open a session whose page (…/view) saves a card in
-- the cards table (002) for the user; list and remove work on that table.
-- Session states: src/CardStorage.php (lifecycle kind "card_session").
CREATE TABLE IF NOT EXISTS card_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- pg_payment_id of add, add2, cardstoragepayout/add
    merchant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    order_id TEXT NOT NULL,                 -- '' when the shop sent none
    type TEXT NOT NULL,                     -- add, add2, payout
    token TEXT NOT NULL UNIQUE,             -- the page's pg_payment_id (…/view?pg_payment_id=TOKEN)
    status TEXT NOT NULL,                   -- new, 3ds, approved, failed
    amount TEXT NOT NULL,                   -- add: the amount blocked and given back (1-100); add2, payout: ''
    currency TEXT NOT NULL,
    post_link TEXT NOT NULL,
    back_link TEXT NOT NULL,
    fields TEXT NOT NULL,                   -- the creating request's fields, JSON
    card_id INTEGER,                        -- cards.id once saved
    card_pan TEXT,                          -- masked
    card_name TEXT,
    card_exp TEXT,
    card_behavior TEXT,
    card_hhash TEXT,
    card_3ds INTEGER NOT NULL DEFAULT 0,    -- 1: saved through 3-D Secure
    three_ds_md TEXT,
    three_ds_pareq TEXT,
    three_ds_pares TEXT,
    three_ds_result TEXT,
    three_ds_attempts INTEGER NOT NULL DEFAULT 0,
    three_ds_term_url TEXT,
    failure_code TEXT,
    failure_description TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS card_sessions_3ds_md ON card_sessions (three_ds_md) WHERE three_ds_md IS NOT NULL;
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'card_sessions', 9000000 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'card_sessions');

-- pg_card_hhash: a hash of the whole card number (the same number, the same hash).
ALTER TABLE cards ADD COLUMN card_hhash TEXT;
-- Saved by cardstoragepayout/add: for payouts only, never for payments.
ALTER TABLE cards ADD COLUMN payout_only INTEGER NOT NULL DEFAULT 0;
-- The card storage session that saved it (null: the /_sandbox/cards control).
ALTER TABLE cards ADD COLUMN session_id INTEGER;
-- Cards saved before this migration: their numbers are not kept, so a random hash.
UPDATE cards SET card_hhash = lower(hex(randomblob(16))) WHERE card_hhash IS NULL;
