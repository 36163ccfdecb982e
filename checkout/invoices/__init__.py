"""Invoices and credit notes: one invoice per paid order and one credit note per refund of it, each series with
gap-free numbers, a PDF in the buyer's language (WeasyPrint), emailed once."""
