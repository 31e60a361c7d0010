from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import process_env

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "p" * 30 + "roduction-secret-" + "x" * 20, "ALLOWED_HOSTS": "news.example"}


def run_manage(*args, **env):
    base = {key: value for key, value in process_env().items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=base | env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.django_db
def test_production_settings_pass_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", **(PRODUCTION | {"SECRET_KEY": ""}))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", **(PRODUCTION | {"ALLOWED_HOSTS": ""}))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.django_db
def test_a_bad_boolean_is_a_clear_error():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr
