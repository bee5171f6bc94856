"""Shared fixtures: the bundled data, a store built from it once per session, and the seed reports."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg import config, services

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real store in ~/.local/share."""
    monkeypatch.setenv("KG_STORE", str(tmp_path / "default-store"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # nor the user's `kg init` choice
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nor the name indexes of servers it read
    for name in ("KG_STORE_USER", "KG_STORE_PASSWORD", "KG_UPDATE_URL", "KG_QUERY_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the bundled data. Read-only: tests that change a store build their own."""
    store = tmp_path_factory.mktemp("store") / "kg"
    services.build(store=store)
    return store


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data, for tests that break it."""
    return Path(shutil.copytree(config.data_dir(), tmp_path / "data"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed report texts: $KG_SEEDS, else ../shared/seeds beside the repo.

    Missing texts skip the test with the reason, unless KG_REQUIRE_SEEDS is set (as CI does), where
    they fail it: a run that should check the claims against the reports must not pass without them.
    """
    path = Path(os.environ.get("KG_SEEDS") or REPO.parent / "shared" / "seeds")
    if not any(path.glob("*.txt")):
        message = f"seed reports not found in {path} (set KG_SEEDS to the folder of the five seed .txt files)"
        if os.environ.get("KG_REQUIRE_SEEDS"):
            pytest.fail(message + "; KG_REQUIRE_SEEDS is set, so this is a failure")
        pytest.skip(message)
    return path
