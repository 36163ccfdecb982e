"""Markets: where a shopper buys, in which currency and at which prices (issue #26, the foundation).

A `Market` groups countries with a currency, a default language, a tax mode and a pricing rule; an
`ExchangeRate` converts the base currency (`settings.BASE_CURRENCY`) into a market's; a `VariantPrice` sets a
variant's price in one market explicitly. `pricing.price_in` says what a variant costs in a market,
`resolution.market_for` which market a request is in, `formatting.format_money` how an amount reads in a language,
and `rates` reads the European Central Bank's daily reference rates.

Nothing here is wired into the cart, checkout, payments or the catalog pages yet: prices are still shown and
charged in the base currency everywhere.
"""
