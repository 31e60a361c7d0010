"""docker-compose.yml cannot run here (no Docker engine), so it is checked two ways: against the
Compose Specification, and by running every command it gives the image, for real."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from tests.conftest import process_env
from tests.servers import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
# Each management command the compose file runs, and the test that runs it here.
COMMANDS_RUN_BY_TESTS = {
    "serve": "tests/servers.py starts every server process of the suite with `manage.py serve`",
    "migrate": "test_the_migrate_step_runs",
    "collectstatic": "test_the_static_step_runs",
    "publish_scheduled": "test_publish_scheduled_command_publishes_due_posts",
}


def test_the_compose_file_follows_the_compose_specification():
    schema = json.loads((ROOT / "tests" / "data" / "compose_spec.json").read_text())
    jsonschema.Draft7Validator(schema).validate(COMPOSE)


def test_the_compose_file_has_the_production_shape():
    services = COMPOSE["services"]
    assert {"db", "redis", "web", "proxy", "migrate", "scheduler"} <= set(services)
    assert services["web"]["deploy"]["replicas"] >= 2
    assert {"db", "redis", "web", "proxy"} <= {name for name, service in services.items() if "healthcheck" in service}
    assert {"postgres", "media", "static"} <= set(COMPOSE["volumes"])
    assert "REDIS_URL" in services["web"]["environment"]


def app_commands():
    return {
        name: service["command"]
        for name, service in COMPOSE["services"].items()
        if service.get("image") == "liveblog-web"
    }


def test_every_app_command_in_the_compose_file_is_one_the_suite_runs():
    commands = app_commands()
    assert commands
    for name, command in commands.items():
        assert command[:2] == ["python", "manage.py"], name
        assert command[2] in COMMANDS_RUN_BY_TESTS, f"{name} runs `manage.py {command[2]}`, which no test runs"
    dockerfile_cmd = next(line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD"))
    assert json.loads(dockerfile_cmd.removeprefix("CMD ")) == COMPOSE["services"]["web"]["command"]


def run_compose_command(service, **env):
    command = [sys.executable, *app_commands()[service][1:]]
    return subprocess.run(command, cwd=ROOT, env=process_env(**env), capture_output=True, text=True, timeout=120)


@pytest.mark.django_db(transaction=True)
def test_the_migrate_step_runs():
    result = run_compose_command("migrate")
    assert result.returncode == 0, result.stderr


def test_the_static_step_runs(tmp_path, db):
    result = run_compose_command("static", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "js" / "live.js").exists()
    assert (tmp_path / "admin").is_dir()


def test_the_health_check_answers(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
