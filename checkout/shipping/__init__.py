"""Shipping: where the shop ships and what it costs.

- `models`   `ShippingZone` (a set of countries) and `ShippingMethod` (a zone's price, "free from" amount, weight
             range, delivery estimate, tax class; name and description translated per locale with
             wagtail-localize, the money read from the default locale's method only).
- `options`  what a cart may choose: the countries served, the methods that apply to a country, a weight and an
             amount, their price, the cart's weight. Pure reads, no writes.

Their screens in the Wagtail admin's "Shop" menu are `checkout.backoffice.shipping`.

A shop with no zone at all ships everywhere for free (as the shop did before shipping existed); once one zone
exists, only its countries are offered at checkout.
"""
