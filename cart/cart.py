"""The session cart. Placeholder reader until the cart issue lands; it never writes the session."""


class Cart:
    def __init__(self, request):
        self.request = request

    def __len__(self):
        return 0

    def __iter__(self):
        return iter(())
