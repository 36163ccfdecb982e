"""Orders: the model and its status machine, placing an order from the cart, its reservation of stock, its
emails, the shopper's checkout and order pages."""
