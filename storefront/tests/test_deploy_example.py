"""The deployment example in deploy/ (containers cannot run here, so its configuration is read and checked): the
Compose file has every service with a health check on the shop's probes, every shop process gets the
environment the settings read, and nginx balances over both web instances and lets only the shop purge."""

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SHOP_SERVICES = ["migrate", "web1", "web2", "worker1", "worker2", "beat"]
WEB = ["web1", "web2"]
WORKERS = ["worker1", "worker2"]
# What every shop process needs to start in production and to reach what it shares with the others.
REQUIRED = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "AWS_STORAGE_BUCKET_NAME",
    "FRONTEND_CACHE_PURGE_URL",
]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def names_the_settings_read() -> set[str]:
    """Every environment variable `storefront/settings/` reads: `env.<kind>("NAME", …)`, `env("NAME")` and
    `environ.get("NAME")` / `environ["NAME"]`."""
    names = set()
    for path in (ROOT / "storefront" / "settings").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                func = node.func
                reader = func.value if isinstance(func, ast.Attribute) else func
                if isinstance(reader, ast.Name) and reader.id in {"env", "environ"}:
                    names.add(node.args[0].value)
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                if isinstance(node.value, ast.Name) and node.value.id == "environ":
                    names.add(node.slice.value)
    return {name for name in names if isinstance(name, str) and name.isupper()}


def test_the_settings_scan_finds_what_the_settings_read():
    assert {"SECRET_KEY", "DATABASE_URL", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_CUSTOM_DOMAIN", "DEEPL_API_KEY"} <= (
        names_the_settings_read()
    )


def test_every_service_of_the_shop_is_there(services):
    assert sorted(services) == sorted(["db", "redis", "rabbitmq", "nginx", *SHOP_SERVICES])
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert services["rabbitmq"]["image"].startswith("rabbitmq:")


def test_the_web_instances_run_gunicorn_and_the_workers_celery_with_one_beat(services):
    for name in WEB:
        assert services[name]["command"][:4] == ["gunicorn", "storefront.wsgi", "--bind", "0.0.0.0:8000"]
    for name in WORKERS:
        assert services[name]["command"][:4] == ["celery", "-A", "storefront", "worker"]
    beats = [name for name, service in services.items() if "beat" in service.get("command", [])]
    assert beats == ["beat"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_each_shop_process_gets_the_environment_the_settings_read(services):
    known = names_the_settings_read() | {"DJANGO_SETTINGS_MODULE"}
    for name in SHOP_SERVICES:
        environment = services[name]["environment"]
        assert set(REQUIRED) <= set(environment), name
        assert set(environment) - known == set(), f"{name} sets variables no setting reads"
        assert environment["DJANGO_SETTINGS_MODULE"] == "storefront.settings.production"


def interpolated(value: str) -> str:
    """A Compose value as Compose makes it from an `.env` that sets every required variable to "secret" and leaves
    the others to their defaults (`${NAME:-default}`)."""
    return re.sub(
        r"\$\{\w+(?::-([^}]*)|:\?[^}]*)?\}", lambda match: match[1] if match[1] is not None else "secret", value
    )


def test_the_shared_services_are_reached_by_their_service_names(services):
    environment = {name: interpolated(value) for name, value in services["web1"]["environment"].items()}

    assert environment["DATABASE_URL"] == "postgres://shop:secret@db:5432/shop"
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["CELERY_BROKER_URL"] == "amqp://shop:secret@rabbitmq:5672/shop"
    assert environment["FRONTEND_CACHE_PURGE_URL"] == "http://nginx"
    # Behind exactly one proxy of ours (nginx) unless told otherwise.
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
    assert environment["AWS_STORAGE_BUCKET_NAME"] == "secret"


def test_health_checks_ask_the_shops_probes(services):
    for name in WEB:
        check = " ".join(services[name]["healthcheck"]["test"])
        assert "http://127.0.0.1:8000/health/ready/" in check, name
    for name in WORKERS:
        assert "inspect ping" in " ".join(services[name]["healthcheck"]["test"]), name
    for name in ["db", "redis", "rabbitmq", "nginx"]:
        assert services[name]["healthcheck"]["test"], name
    # nginx starts sending traffic once both instances are ready; the instances once the schema is migrated.
    assert services["nginx"]["depends_on"] == {name: {"condition": "service_healthy"} for name in WEB}
    for name in WEB + WORKERS:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


# --- nginx ----------------------------------------------------------------------------------------------------


def parse_nginx(text: str) -> list:
    """nginx's configuration as nested lists: each directive is (name, [args], [children] or None)."""
    tokens = re.findall(r'"[^"]*"|\'[^\']*\'|[{};]|[^\s{};]+', re.sub(r"#[^\n]*", "", text))
    position = 0

    def block():
        nonlocal position
        directives, words = [], []
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token == ";":
                directives.append((words[0], words[1:], None))
                words = []
            elif token == "{":
                directives.append((words[0], words[1:], block()))
                words = []
            elif token == "}":
                return directives
            else:
                words.append(token.strip("\"'"))
        return directives

    return block()


def find(directives, name, *args) -> list:
    return [d for d in directives if d[0] == name and (not args or d[1][: len(args)] == list(args))]


@pytest.fixture(scope="module")
def nginx():
    return find(parse_nginx((DEPLOY / "nginx.conf").read_text()), "http")[0][2]


def test_nginx_balances_round_robin_over_both_web_instances(nginx):
    upstream = find(nginx, "upstream", "shop")[0][2]

    assert [d[1][0] for d in find(upstream, "server")] == ["web1:8000", "web2:8000"]
    # Round robin is nginx's default: no other method is named.
    assert not {"least_conn", "ip_hash", "hash", "random"} & {d[0] for d in upstream}
    assert all("max_fails=3" in d[1] for d in find(upstream, "server"))


def servers(nginx, port) -> list:
    return [s[2] for s in find(nginx, "server") if any(d[1][0].startswith(port) for d in find(s[2], "listen"))]


def test_only_the_shops_own_processes_may_purge_a_page(nginx, services):
    (plain,) = servers(nginx, "80")
    (tls,) = servers(nginx, "443")
    purge = find(plain, "location", "^~", "/.purge/")[0][2]
    addresses = {name: services[name]["networks"]["backend"]["ipv4_address"] for name in WEB + WORKERS}

    assert find(purge, "internal")
    assert [d[1] for d in find(purge, "allow")] == [[addresses[name]] for name in WEB + WORKERS]
    assert purge[-2][:2] == ("deny", ["all"])
    # The page dropped is the one kept: the same key as the cache's.
    assert find(purge, "proxy_cache_purge")[0][1] == ["pages", find(nginx, "proxy_cache_key")[0][1][0]]
    # The shop purges over http (FRONTEND_CACHE_PURGE_URL); a PURGE over https is refused outright.
    tls_root = find(tls, "location", "/")[0][2]
    assert find(tls_root, "if", "($purge_request)")[0][2] == [("return", ["403"], None)]
    plain_root = find(plain, "location", "/")[0][2]
    assert find(plain_root, "if", "($purge_request)")[0][2] == [("rewrite", ["^", "/.purge$uri", "last"], None)]
    assert [line for line in find(nginx, "map", "$request_method", "$purge_request")[0][2]] == [
        ("PURGE", ["1"], None),
        ("default", ["0"], None),
    ]


def test_shoppers_with_a_session_never_get_or_leave_a_shared_copy(nginx):
    (tls,) = servers(nginx, "443")
    root = find(tls, "location", "/")[0][2]

    assert find(root, "proxy_cache")[0][1] == ["pages"]
    assert find(root, "proxy_cache_bypass")[0][1] == ["$cookie_sessionid", "$cookie_messages"]
    assert find(root, "proxy_no_cache")[0][1] == ["$cookie_sessionid", "$cookie_messages"]
    assert find(root, "proxy_pass")[0][1] == ["http://shop"]


def test_no_media_is_served_by_nginx_and_the_probes_stay_inside(nginx):
    (tls,) = servers(nginx, "443")

    assert find(tls, "location", "/media/")[0][2] == [("return", ["404"], None)]
    assert find(tls, "location", "/health/")[0][2] == [("return", ["404"], None)]
    assert find(nginx, "proxy_set_header", "X-Forwarded-For")[0][1] == ["X-Forwarded-For", "$proxy_add_x_forwarded_for"]
