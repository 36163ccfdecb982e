"""Site-wide endpoints outside the language prefixes: sitemap.xml and robots.txt."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLocalesSitemap(Sitemap):
    """Every live, public, translated page of the site's trees in all locales (aliases left out)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree, alias_of__isnull=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


@require_GET
@cache_page(60 * 15)
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})


@require_GET
@cache_control(public=True, max_age=60 * 60)  # the same for every visitor, changed only by a deploy
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /payment/"]
    # The cart and checkout prefixes are translated (/es/carrito/, /ru/korzina/…): list each language's.
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines += [f"Disallow: {reverse(name)}" for name in ("cart:detail", "checkout:checkout")]
        lines.append(f"Disallow: /{code}/payment/")
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
