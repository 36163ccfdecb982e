"""Markets: where a shopper buys, in which currency and at which prices (issue #26, the foundation).

A `Market` groups countries with a currency, a default language, a tax mode and a pricing rule; an
`ExchangeRate` converts the base currency (`settings.BASE_CURRENCY`) into a market's; a `VariantPrice` sets a
variant's price in one market explicitly. `pricing.price_in` says what a variant costs in a market,
`resolution.market_for` which market a request is in, `formatting.format_money` how an amount reads in a language,
and `rates` reads the European Central Bank's daily reference rates.

The catalog is wired in: `middleware` and `context_processors` give every request and template its market, the
page cache keys on it (`caching`, registered in `apps`), `shown` and `templatetags.market_tags` put its prices on
the pages, `signals` purge a market's pages when its rates or prices change, and `alerts` tells the shop managers
when the daily rates (`tasks`) stop coming.
"""
