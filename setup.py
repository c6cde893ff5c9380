"""Puts resources/ into the wheel as reviewdesk/_resources (see reviewdesk/resources.py).

resources/ stays at the top of the repository, where translators, lupdate and the tests use it;
pyproject.toml alone cannot place a folder from outside the package inside it. Everything else
about the build is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# Sources of files the application reads in a compiled form, and notes for maintainers.
_NOT_SHIPPED = shutil.ignore_patterns("*.ts", "README.md")


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads resources/ where it is
            target = Path(self.build_lib, "reviewdesk", "_resources")
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree("resources", target, ignore=_NOT_SHIPPED)


setup(cmdclass={"build_py": BuildPyWithResources})
