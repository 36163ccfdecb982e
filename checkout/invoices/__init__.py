"""Invoices: one per paid order, a gap-free number, a PDF in the buyer's language (WeasyPrint), emailed once."""
