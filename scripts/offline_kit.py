"""Build the offline install kit: `make offline-kit`.

    dist/gensec-quiz-offline-VERSION/
        wheels/          the app's wheel and every dependency's, for each platform and Python
        install.sh       Linux: a virtual environment, `pip install --no-index`, a menu entry
        install.bat      Windows: the same with the `py` launcher
        gensec-quiz.desktop, gensec-quiz.svg
        README.txt       for the school's technician

Run on a machine with network access; the kit then installs on machines with none. Wheels
come from PyPI with `pip download --only-binary=:all:` for each platform tag and Python version
asked for, so a kit built on Linux also carries what Windows needs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging" / "offline"

# Every tag a wheel for 64-bit Linux or Windows may carry (pip picks the best it can find).
PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux": (
        "manylinux_2_39_x86_64", "manylinux_2_34_x86_64", "manylinux_2_28_x86_64",
        "manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64",
    ),
    "windows": ("win_amd64",),
}
PYTHONS = ("3.11", "3.12", "3.13")


def version() -> str:
    namespace: dict[str, str] = {}
    text = (ROOT / "src" / "gensec_quiz" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)
    return namespace["__version__"]


def run(command: list[str]) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def build_wheel(into: Path) -> Path:
    """The app's own wheel (hatchling), with the question bank, seeds and icons inside."""
    with tempfile.TemporaryDirectory() as scratch:
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
             scratch, str(ROOT)])
        [wheel] = Path(scratch).glob("gensec_quiz-*.whl")
        target = into / wheel.name
        shutil.copy2(wheel, target)
    return target


def download(wheel: Path, into: Path, platform: str, python: str) -> None:
    """Every dependency of `wheel`, as binary wheels for one platform and Python version."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
               "--dest", str(into), "--implementation", "cp", "--python-version", python]
    for tag in PLATFORMS[platform]:
        command += ["--platform", tag]
    run([*command, str(wheel)])


def build(out: Path, platforms: list[str], pythons: list[str]) -> Path:
    kit = out / f"gensec-quiz-offline-{version()}"
    if kit.exists():
        shutil.rmtree(kit)
    wheels = kit / "wheels"
    wheels.mkdir(parents=True)
    wheel = build_wheel(wheels)
    for platform in platforms:
        for python in pythons:
            download(wheel, wheels, platform, python)
    for name in ("install.sh", "install.bat", "gensec-quiz.desktop", "README.txt"):
        text = (PACKAGING / name).read_text(encoding="utf-8")
        text = text.replace("@VERSION@", version())
        text = text.replace("@PLATFORMS@", ", ".join(platforms))
        text = text.replace("@PYTHONS@", ", ".join(pythons))
        newline = "\r\n" if name.endswith(".bat") else "\n"
        (kit / name).write_text(text, encoding="utf-8", newline=newline)
    (kit / "install.sh").chmod(0o755)
    shutil.copy2(ROOT / "assets" / "icons" / "app.svg", kit / "gensec-quiz.svg")
    count = len(list(wheels.glob("*.whl")))
    print(f"Offline kit: {kit} ({count} wheels for {', '.join(platforms)}; "
          f"Python {', '.join(pythons)}).")
    return kit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="default: dist/")
    parser.add_argument("--platforms", default="linux,windows",
                        help="comma-separated: linux, windows (default: both)")
    parser.add_argument("--pythons", default=",".join(PYTHONS),
                        help=f"comma-separated Python versions (default: {','.join(PYTHONS)})")
    args = parser.parse_args(argv)
    platforms = [p.strip() for p in args.platforms.split(",") if p.strip()]
    unknown = [p for p in platforms if p not in PLATFORMS]
    if unknown or not platforms:
        parser.error(f"--platforms: choose from {', '.join(PLATFORMS)} (got {args.platforms!r})")
    pythons = [p.strip() for p in args.pythons.split(",") if p.strip()]
    try:
        build(args.out, platforms, pythons)
    except subprocess.CalledProcessError as error:
        print(f"The kit could not be built: {' '.join(error.cmd[:4])} … failed "
              f"(exit {error.returncode}); is the network reachable?", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
