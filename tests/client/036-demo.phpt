--TEST--
The README's main job (examples/demo.php) runs a whole payment, and a two-stage one captured and partly refunded, against the sandbox, and a payout to a saved card
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__, 2) . '/examples/demo.php';
?>
--EXPECTF--
Sandbox gateway at http://127.0.0.1:%d

initPayment: payment 1000001 created
  the payer is sent to http://127.0.0.1:%d/pay.html?customer=%x

status before paying: new

the payer pays with test card 4405 6450 0000 6150: success

status(), verified reply:
  pg_payment_id      1000001
  pg_order_id        demo-%d
  pg_amount          12500.00
  pg_currency        KZT
  pg_payment_status  success
  pg_card_pan        4405-64XX-XXXX-6150
  pg_payment_date    %d-%d-%d %d:%d:%d
  pg_captured        1

Paid.

cardPayment, two-stage: payment 1000002 success, captured 0 (the money is held)
capture 6500.00 of 8000.00: ok
refund 1500.00: ok
status(): success, cleared 6500.00, refunded 1500 in 1 refund(s)

addPayoutCard: the recipient enters a card at http://127.0.0.1:%d/v1/merchant/500001/cardstoragepayout/view?pg_payment_id=%x
listCards: 1 card, 4671-59XX-XXXX-8252
payoutToCard: ok, 3000.00 to 4671-59XX-XXXX-8252, balance 997000.00
