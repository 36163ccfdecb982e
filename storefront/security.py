"""The Content-Security-Policy of the shop's pages: scripts only from the shop's own static files.

A shopper's name or a product text that slipped through escaping still could not run a script: inline
scripts and event handlers (`onclick=`) are refused, so the templates attach behaviour from static files
(`js/auto_submit.js`). The Wagtail admin is left to Wagtail (its own pages need inline code and frames).
"""

from django.conf import settings

from storefront.storage import public_media_origin


def content_security_policy() -> str:
    """`CONTENT_SECURITY_POLICY` ({directive: [sources]}) as a header value; pictures may also come from where
    public media is served when that is another host (object storage, its custom domain or CDN)."""
    policy = settings.CONTENT_SECURITY_POLICY
    media_origin = public_media_origin()
    if media_origin and "img-src" in policy and media_origin not in policy["img-src"]:
        policy = {**policy, "img-src": [*policy["img-src"], media_origin]}
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Sets the policy on every response outside the excluded paths; first in MIDDLEWARE, so that the redirects
    and error pages other middleware make (language redirect, CSRF refusal, bad Host) carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = tuple(settings.CONTENT_SECURITY_POLICY_EXCLUDED_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY and not request.path.startswith(self.excluded):
            response.headers.setdefault("Content-Security-Policy", content_security_policy())
        return response
