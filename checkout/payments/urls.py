"""The shopper's payment pages, under the language prefix: /<lang>/payment/<order token>/..."""

from django.urls import path

from . import offline, views

app_name = "payment"

urlpatterns = [
    path("<str:token>/", views.status, name="status"),
    path("<str:token>/pay/", views.start, name="start"),
    path("<str:token>/invoice/", views.invoice, name="invoice"),
    path("<str:token>/credit-notes/<str:number>/", views.credit_note, name="credit_note"),
    path("<str:token>/test-card/", offline.pay, name="offline"),
    path("<str:token>/test-card/authenticate/", offline.authenticate, name="offline_3ds"),
]
