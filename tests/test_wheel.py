"""kg installed from a wheel, outside the checkout, does what the editable install does.

The wheel is built from a copy of the project's files (so nothing is written into the checkout) and
installed with --no-deps into a fresh virtual environment that borrows this environment's dependencies
through a .pth line (not its .pth files, so the editable kg of this checkout stays out of sight). Every
command then runs from a folder outside the checkout. About 20-30 s, most of it building the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

PROJECT_FILES = ("pyproject.toml", "README.md", "kg", "ontology", "queries")


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The bin folder of a fresh virtual environment with kg installed from a wheel, and its environment."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in PROJECT_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(path, source / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)], base, env)
    [wheel] = wheels.glob("kg-*.whl")

    target = base / "venv"
    venv.create(target, with_pip=False, symlinks=True)
    bin_dir = target / "bin"
    site = Path(_run([str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     base, env).stdout.strip())
    # This environment's dependencies, as a plain path: its .pth files (the editable kg) are not read.
    (site / "kg_test_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "-q", "--no-deps",
          str(wheel)], base, env)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return bin_dir, env


def test_the_installed_package_is_the_wheel_and_carries_the_one_copy_of_its_files(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    where = _run([str(bin_dir / "python"), "-c", "import kg, kg.paths as p; print(kg.__file__); "
                  "print(p.ONTOLOGY_DIR); print(p.QUERIES_DIR)"], tmp_path, env).stdout.split()
    package = Path(where[0]).parent
    assert bin_dir.parent in package.parents and ROOT not in package.parents
    for folder, installed_folder in ((ROOT / "ontology", Path(where[1])), (ROOT / "queries", Path(where[2]))):
        assert not installed_folder.is_symlink()
        source_files = sorted(p.name for p in folder.iterdir())
        assert sorted(p.name for p in installed_folder.iterdir()) == source_files
        for name in source_files:
            assert (installed_folder / name).read_bytes() == (folder / name).read_bytes(), name


def test_build_query_validate_viz_and_export_from_the_wheel(
    installed: tuple[Path, dict[str, str]], tmp_path: Path, seed_kg: Path
) -> None:
    bin_dir, env = installed
    kg = str(bin_dir / "kg")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    built = _run([kg, "build"], tmp_path, env)
    assert "Error" not in built.stderr
    # Same input, same bytes: the ontology, shapes and inferred triples are all there, as in the checkout.
    assert (tmp_path / "out" / "kg.trig").read_bytes() == (seed_kg / "kg.trig").read_bytes()

    products = _run([kg, "query", "products", "-f", "csv"], tmp_path, env).stdout
    assert products.splitlines()[0] == "product,district" and len(products.splitlines()) > 1
    listed = _run([kg, "queries"], tmp_path, env).stdout
    assert len(listed.splitlines()) == len(list((ROOT / "queries").glob("*.rq")))

    validated = _run([kg, "validate"], tmp_path, env).stdout
    assert "conforms" in validated

    assert _run([kg, "viz", "-o", "view.html"], tmp_path, env).stdout.strip() == "view.html"
    assert b"<html" in (tmp_path / "view.html").read_bytes()[:2000].lower()

    _run([kg, "export", "ttl", "-o", "graph.ttl"], tmp_path, env)
    _run([kg, "export", "graphml", "-o", "graph.graphml"], tmp_path, env)
    assert (tmp_path / "graph.ttl").stat().st_size > 0 and (tmp_path / "graph.graphml").stat().st_size > 0
    version = _run([kg, "--version"], tmp_path, env).stdout
    assert version.startswith("kg ")
