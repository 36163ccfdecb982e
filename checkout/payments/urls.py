"""The shopper's payment pages, under the language prefix: /<lang>/payment/<order token>/..."""

from django.urls import path

from . import test_card, views

app_name = "payment"

urlpatterns = [
    path("<order_token:token>/", views.status, name="status"),
    path("<order_token:token>/pay/", views.start, name="start"),
    path("<order_token:token>/invoice/", views.invoice, name="invoice"),
    path("<order_token:token>/credit-notes/<str:number>/", views.credit_note, name="credit_note"),
    path("<order_token:token>/invoice/xml/", views.invoice_xml, name="invoice_xml"),
    path("<order_token:token>/credit-notes/<str:number>/xml/", views.credit_note_xml, name="credit_note_xml"),
    path("<order_token:token>/test-card/", test_card.pay, name="offline"),
    path("<order_token:token>/test-card/authenticate/", test_card.authenticate, name="offline_3ds"),
]
