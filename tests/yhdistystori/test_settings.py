"""Start-up configuration: what an operator sees when a variable is missing or wrong.

Settings are read once per process, so each case starts a fresh interpreter
with a clean environment (nothing inherited from the developer's shell or
pytest-env). None of these needs a database or Redis: a DATABASE_URL is only
parsed at start-up, never connected to. The checks against real PostgreSQL and
Redis are in tests/perf/check_production_path.sh.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from yhdistystori.models import SiteConfiguration

REPO = Path(__file__).resolve().parents[2]

# A complete production configuration; each test removes or spoils one part.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "t3st-Pr0duction-k3y-with-enough-length-and-variety-0123456789",
    "DATABASE_URL": "postgres://yhdistystori:secret@db.invalid:5432/yhdistystori",
    "ALLOWED_HOSTS": "yhdistystori.example.fi",
}

# Prints the named settings as JSON, after the same start-up as manage.py and wsgi.py.
PRINT_SETTINGS = """
import json, sys
import django
django.setup()
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}, default=str))
"""


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean_env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "yhdistystori.settings",
        **env,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def start(env: dict[str, str], *names: str) -> subprocess.CompletedProcess:
    return run_python(["-c", PRINT_SETTINGS, *names], env)


def loaded_settings(env: dict[str, str], *names: str) -> dict:
    result = start(env, *names)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def without(name: str) -> dict[str, str]:
    return {key: value for key, value in PRODUCTION.items() if key != name}


def assert_refuses_to_start(result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode != 0
    # The last line of the traceback is what an operator reads in the log.
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert message in last_line


def test_production_starts_with_the_required_variables():
    settings = loaded_settings(PRODUCTION, "DEBUG", "DATABASES", "ALLOWED_HOSTS", "CACHES")
    assert settings["DEBUG"] is False
    database = settings["DATABASES"]["default"]
    assert (database["HOST"], database["NAME"], database["USER"]) == (
        "db.invalid",
        "yhdistystori",
        "yhdistystori",
    )
    assert database["CONN_HEALTH_CHECKS"] is True
    assert settings["ALLOWED_HOSTS"] == ["yhdistystori.example.fi"]
    assert settings["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_production_without_database_url_names_the_variable():
    assert_refuses_to_start(start(without("DATABASE_URL")), "Set DATABASE_URL")


def test_production_without_secret_key_names_the_variable():
    assert_refuses_to_start(
        start(without("SECRET_KEY")), "Set the environment variable SECRET_KEY."
    )


def test_production_refuses_the_development_secret_key():
    result = start({**PRODUCTION, "SECRET_KEY": "dev-secret-key-not-for-production"})
    assert_refuses_to_start(result, "Set SECRET_KEY to a long random value")


def test_debug_that_is_not_a_yes_or_no_names_the_variable():
    result = start({**PRODUCTION, "DEBUG": "maybe"})
    assert_refuses_to_start(result, "DEBUG must be one of 1/0, true/false, yes/no, on/off")
    assert "'maybe'" in result.stderr


def test_page_size_that_is_not_a_number_names_the_variable():
    result = start({**PRODUCTION, "API_PAGE_SIZE": "abc"})
    assert_refuses_to_start(result, "API_PAGE_SIZE must be a whole number; got 'abc'.")


def test_hsts_seconds_that_is_not_a_number_names_the_variable():
    result = start({**PRODUCTION, "SECURE_HSTS_SECONDS": "a year"})
    assert_refuses_to_start(result, "SECURE_HSTS_SECONDS must be a whole number")


def test_a_statement_date_that_is_not_a_date_names_the_variable():
    result = start({**PRODUCTION, "ACCESSIBILITY_STATEMENT_REVIEWED": "1.2.2026"})
    assert_refuses_to_start(result, "ACCESSIBILITY_STATEMENT_REVIEWED must be a date")


def test_an_unknown_compliance_status_names_the_variable_and_the_choices():
    result = start({**PRODUCTION, "ACCESSIBILITY_COMPLIANCE": "mostly"})
    assert_refuses_to_start(
        result, "ACCESSIBILITY_COMPLIANCE must be one of full, partial, none; got 'mostly'."
    )


def test_the_statement_and_the_notice_read_the_citys_own_values():
    settings = loaded_settings(
        {
            **PRODUCTION,
            "ACCESSIBILITY_COMPLIANCE": "full",
            "ACCESSIBILITY_STATEMENT_PREPARED": "2026-03-01",
            "PRIVACY_CONTROLLER": "Kuopion kaupunki",
        },
        "ACCESSIBILITY_COMPLIANCE",
        "ACCESSIBILITY_STATEMENT_REVIEWED",
        "PRIVACY_CONTROLLER",
    )
    assert settings == {
        "ACCESSIBILITY_COMPLIANCE": "full",
        # Reviewed defaults to the day the statement was prepared.
        "ACCESSIBILITY_STATEMENT_REVIEWED": "2026-03-01",
        "PRIVACY_CONTROLLER": "Kuopion kaupunki",
    }


def test_a_breach_lookup_address_that_is_not_http_names_the_variable():
    result = start({**PRODUCTION, "PWNED_PASSWORDS_URL": "ftp://pwned.example"})
    assert_refuses_to_start(result, "PWNED_PASSWORDS_URL must be an http(s) address.")


def test_database_url_of_another_database_says_postgresql_is_needed():
    result = start({**PRODUCTION, "DATABASE_URL": "mysql://user:secret@db.invalid/yhdistystori"})
    assert_refuses_to_start(result, "DATABASE_URL must point to PostgreSQL")


def test_database_url_that_is_not_a_url_names_the_variable():
    result = start({**PRODUCTION, "DATABASE_URL": "db.invalid:5432"})
    assert_refuses_to_start(result, "DATABASE_URL is not a database URL")


def test_database_url_options_are_kept():
    url = "postgres://yhdistystori:secret@db.invalid/yhdistystori?sslmode=require"
    options = loaded_settings({**PRODUCTION, "DATABASE_URL": url}, "DATABASES")["DATABASES"][
        "default"
    ]["OPTIONS"]
    assert options["sslmode"] == "require"


def test_https_hardening_is_off_until_the_operator_turns_it_on():
    names = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER")
    assert loaded_settings(PRODUCTION, *names) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    hardened = {
        **PRODUCTION,
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "3600",
        "BEHIND_PROXY": "1",
    }
    assert loaded_settings(hardened, *names) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_redis_url_selects_the_shared_redis_cache():
    caches = loaded_settings({**PRODUCTION, "REDIS_URL": "redis://cache.invalid:6379/2"}, "CACHES")
    assert caches["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.invalid:6379/2",
        "KEY_PREFIX": "yhdistystori",
    }


def test_hardened_production_configuration_passes_check_deploy():
    hardened = {
        **PRODUCTION,
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "3600",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "BEHIND_PROXY": "1",
    }
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], hardened)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_with_hsts_on_asks_only_about_subdomains():
    # What docs/deployment.md (step 5) tells the operator to expect after step 6.
    with_hsts = {
        **PRODUCTION,
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "3600",
        "BEHIND_PROXY": "1",
    }
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], with_hsts)
    assert result.returncode != 0
    assert re.findall(r"security\.W\d+", result.stderr) == ["security.W005"]


def test_check_deploy_warns_while_https_redirect_is_off():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # SECURE_SSL_REDIRECT
    assert "security.W004" in result.stderr  # SECURE_HSTS_SECONDS


def dockerfile_build_environment() -> dict[str, str]:
    """The throwaway variables the Dockerfile's collectstatic step runs with."""
    dockerfile = (REPO / "Dockerfile").read_text()
    instructions = re.split(r"\n(?=[A-Z]+ )", dockerfile.replace("\\\n", " "))
    step = next(line for line in instructions if "collectstatic" in line)
    return dict(re.findall(r"\b([A-Z_]+)=(\S+)", step.split("sh -c")[0]))


def test_docker_build_environment_is_enough_to_collect_static_files(tmp_path):
    build_env = dockerfile_build_environment()
    assert set(build_env) == {"DATABASE_URL", "SECRET_KEY", "DEBUG"}
    result = run_python(
        ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        {**build_env, "STATIC_ROOT": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    # The manifest storage has hashed every file our templates refer to.
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert "css/site.css" in manifest["paths"]


def gunicorn_workers(monkeypatch, cpus: int, web_concurrency: str | None) -> int:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)))
    if web_concurrency is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", web_concurrency)
    return runpy.run_path(str(REPO / "gunicorn.conf.py"))["workers"]


def test_gunicorn_runs_two_workers_per_cpu_plus_one(monkeypatch):
    assert gunicorn_workers(monkeypatch, cpus=2, web_concurrency=None) == 5


def test_gunicorn_caps_workers_on_a_large_host(monkeypatch):
    assert gunicorn_workers(monkeypatch, cpus=32, web_concurrency=None) == 8


def test_web_concurrency_sets_the_number_of_gunicorn_workers(monkeypatch):
    assert gunicorn_workers(monkeypatch, cpus=32, web_concurrency="12") == 12


def test_gunicorn_preloads_the_app_and_logs_requests_to_stdout():
    config = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    assert config["bind"] == "0.0.0.0:8000"
    assert config["accesslog"] == "-"


@pytest.mark.django_db
def test_site_configuration_is_served_from_the_cache_until_it_is_saved(
    django_assert_num_queries,
):
    # The test cache (locmem) pickles values like Redis does, so this also shows
    # that the cached object survives the trip through a shared cache.
    SiteConfiguration(city_name_fi="Jyväskylä").save()
    with django_assert_num_queries(1):
        assert SiteConfiguration.current().city_name_fi == "Jyväskylä"
    with django_assert_num_queries(0):
        assert SiteConfiguration.current().city_name_fi == "Jyväskylä"

    SiteConfiguration(city_name_fi="Tampere").save()
    assert cache.get(SiteConfiguration.CACHE_KEY) is None
    assert SiteConfiguration.current().city_name_fi == "Tampere"


def test_manage_py_in_an_unconfigured_checkout_runs_in_development_mode():
    result = run_python(
        ["manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        {},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("True")


def test_manage_py_with_debug_off_and_no_database_url_refuses_to_start():
    result = run_python(["manage.py", "check"], without("DATABASE_URL"))
    assert_refuses_to_start(result, "DATABASE_URL")
