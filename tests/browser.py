"""A real headless Chromium (Debian's chromium + chromium-driver) driven by Selenium, networking off."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def require_browser() -> None:
    """Skip with the reason when Chromium is missing, unless KG_REQUIRE_BROWSER is set (CI), then fail."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package (pip install '.[test]')")
    if missing:
        message = f"headless browser tests need {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("KG_REQUIRE_BROWSER"):
            pytest.fail(message + "; KG_REQUIRE_BROWSER is set, so this is a failure")
        pytest.skip(message)


@contextmanager
def chromium(loopback: bool = False) -> Iterator[object]:
    """loopback=True lets the page reach servers on 127.0.0.1 (kg serve in tests); nothing else."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--no-first-run", "--window-size=1400,900", f"--user-data-dir={profile}",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=" + ("127.0.0.1" if loopback else "<-loopback>")):
        options.add_argument(flag)  # the proxy is a dead end: any request that tries the network fails
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
