"""`cmo serve` refuses what would expose a project, before it listens."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cmo.web.access import is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org", ""])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def run(*args):
    from cmo.cli import app

    return CliRunner().invoke(app, list(args))


def test_a_public_host_needs_allow_remote(project):
    result = run("serve", str(project.path), "--host", "0.0.0.0")
    # main() turns a CmoError into one line and its exit code; the runner hands it back.
    assert getattr(result.exception, "exit_code", None) == 2
    assert "--allow-remote" in str(result.exception)


def test_serve_names_a_folder_that_is_not_a_project(tmp_path):
    result = run("serve", str(tmp_path))
    assert result.exit_code != 0
    assert "not a cmo project" in str(result.exception)
