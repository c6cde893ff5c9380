"""The .deb's Depends: the distribution's packages that hold the libraries the bundle links to.

    python packaging/linux/depends.py dist/reviewdesk

runs ldd on every ELF file in the bundle (resolving the bundle's own libraries as it would),
fails naming any library that resolves nowhere, and prints the packages (dpkg -S) of the
libraries the bundle's files name directly (DT_NEEDED) and the system provides, comma-separated,
libc6 with the version built against. Their own dependencies come with those packages.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

_LINE = re.compile(r"^\s*(\S+) => (.+?) \(0x[0-9a-f]+\)$")
_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+)\]")


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(bundle: Path) -> tuple[set[str], list[str]]:
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    inside = str(bundle.resolve())
    direct: set[str] = set()
    missing: list[str] = []
    for elf in elf_files(bundle):
        dynamic = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
        needed = set(_NEEDED.findall(dynamic))
        done = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env)
        for line in done.stdout.splitlines():
            if "not found" in line:
                missing.append(f"{elf.relative_to(bundle)}: {line.strip()}")
                continue
            match = _LINE.match(line)
            if match and match.group(1) in needed and not os.path.realpath(match.group(2)).startswith(inside):
                direct.add(match.group(2))
    return direct, missing


def package_of(library: str) -> str:
    # Debian's merged /usr: dpkg may know the file under either name.
    candidates = {library, os.path.realpath(library)}
    for path in list(candidates):
        candidates.add(path[4:] if path.startswith("/usr/") else "/usr" + path)
    for path in sorted(candidates):
        done = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout.split(":", 1)[0].split(",")[0].strip()
    raise SystemExit(f"depends: no package holds {library}")


def main(bundle: Path) -> str:
    outside, missing = system_libraries(bundle)
    if missing:
        raise SystemExit("depends: libraries not found:\n  " + "\n  ".join(missing))
    packages = sorted({package_of(lib) for lib in outside})
    glibc = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True,
                           text=True, check=True).stdout.split("-")[0]
    return ", ".join(f"{p} (>= {glibc})" if p == "libc6" else p for p in packages)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/linux/depends.py BUNDLE")
    print(main(Path(sys.argv[1])))
