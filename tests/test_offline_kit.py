"""The offline install kit: built, installed with no network, and the app starts from it.

Building the kit downloads about 250 MB of wheels and installing them takes a minute, so this
runs in `make test-kit` (which `.ci/run` calls after `make test`), not in every `make test`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERSION_LINE = (ROOT / "src" / "gensec_quiz" / "__init__.py").read_text(encoding="utf-8")
VERSION = VERSION_LINE.split('__version__ = "')[1].split('"')[0]

pytestmark = [
    pytest.mark.kit,
    pytest.mark.skipif(os.environ.get("GENSEC_QUIZ_TEST_KIT") != "1",
                       reason="builds and installs the offline kit: `make test-kit` runs it"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux kit"),
]


def _no_network_prefix() -> list[str]:
    """`unshare -n`: a network namespace with no network at all, where the machine allows it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def _offline_env(home: Path, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "VIRTUAL_ENV", "GENSEC_QUIZ_"))}
    # Belt and braces where no namespace can be made: every index and proxy leads nowhere.
    env |= {"HOME": str(home), "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull,
            "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
            "GENSEC_QUIZ_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    return env


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "offline_kit.py"), "--out", str(out),
                    "--platforms", "linux", "--pythons", python], check=True)
    return out / f"gensec-quiz-offline-{VERSION}"


def test_kit_holds_installers_launcher_readme_and_every_wheel(kit: Path) -> None:
    names = {p.name for p in kit.iterdir()}
    assert {"install.sh", "install.bat", "gensec-quiz.desktop", "gensec-quiz.svg",
            "README.txt", "wheels"} <= names
    assert os.access(kit / "install.sh", os.X_OK)
    assert b"\r\n" in (kit / "install.bat").read_bytes()  # cmd.exe wants CRLF
    wheels = {p.name.split("-")[0].lower() for p in (kit / "wheels").glob("*.whl")}
    assert {"gensec_quiz", "pyside6", "pyside6_essentials", "pyside6_addons", "shiboken6",
            "sqlmodel", "sqlalchemy", "pydantic", "pydantic_core", "fsrs"} <= wheels
    readme = (kit / "README.txt").read_text(encoding="utf-8")
    assert "NOT been tested on Windows" in readme
    assert "@" not in readme.replace("@ ", "")  # every placeholder filled


def test_kit_installs_with_no_network_and_the_app_starts(kit: Path, tmp_path: Path) -> None:
    prefix, menu, home, data = (tmp_path / n for n in ("app", "menu", "home", "data"))
    home.mkdir()
    env = _offline_env(home, data)
    install = subprocess.run(
        [*_no_network_prefix(), str(kit / "install.sh"), "--prefix", str(prefix),
         "--menu-dir", str(menu)], env=env, capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout + install.stderr
    program = prefix / "bin" / "gensec-quiz"
    entry = (menu / "gensec-quiz.desktop").read_text(encoding="utf-8")
    assert f"Exec={program}" in entry and f"Icon={prefix / 'gensec-quiz.svg'}" in entry

    # The question bank and records came inside the wheel: a command works from the install.
    made = subprocess.run([str(program), "generate", "--count", "3", "--format", "text"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert "3 questions" in made.stdout

    # The window opens (offscreen) and the store is created in the data folder.
    app = subprocess.Popen([*_no_network_prefix(), str(program)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and app.poll() is None:
            if (data / "gensec-quiz.sqlite3").is_file():
                break
            time.sleep(0.5)
        time.sleep(1.0)
        assert app.poll() is None, f"the app ended: {app.communicate()[1]}"
        assert (data / "gensec-quiz.sqlite3").is_file(), "the app opened no store"
    finally:
        app.terminate()
        _, err = app.communicate(timeout=30)
    assert "Traceback" not in err, err
