"""Rebuild tasks/core/data/countries_110m.geojson.gz, the country outlines the offline HTML report draws.

Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), as shipped inside the
geopandas 0.14.4 wheel on the package registry (`geopandas/datasets/naturalearth_lowres/`; geopandas is
BSD-3-Clause; the dataset was dropped from geopandas 1.0). Nothing is installed: the wheel is downloaded with
pip and read as a zip; the shapefile is read with pyshp (MIT), which is needed only here:

    pip download --no-deps geopandas==0.14.4 -d /tmp/dl
    pip install --no-deps --target /tmp/pyshp pyshp==3.1.6
    PYTHONPATH=/tmp/pyshp python tools/build_country_outlines.py /tmp/dl/geopandas-0.14.4-py3-none-any.whl

Coordinates are rounded to 0.01 degree (about 1 km, far below what 1:110m resolves).
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

import shapefile  # pyshp

OUT = Path(__file__).resolve().parents[1] / "tasks" / "core" / "data" / "countries_110m.geojson.gz"
BASE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def _round(geometry: dict) -> dict:
    def walk(c):  # noqa: ANN001, ANN202
        return [round(c[0], 2), round(c[1], 2)] if isinstance(c[0], float | int) else [walk(x) for x in c]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        parts = {ext: io.BytesIO(zf.read(f"{BASE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(
        shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="latin-1"
    )  # as its .cpg says (ISO-8859-1)
    features = []
    for shape_record in reader.iterShapeRecords():
        props = shape_record.record.as_dict()
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props["name"], "iso_a3": props["iso_a3"], "continent": props["continent"]},
                "geometry": _round(shape_record.shape.__geo_interface__),
            }
        )
    features.sort(key=lambda f: f["properties"]["iso_a3"] + f["properties"]["name"])
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4 naturalearth_lowres",
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(gzip.compress(json.dumps(collection, separators=(",", ":")).encode(), mtime=0))
    print(f"{len(features)} countries -> {OUT} ({OUT.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main(sys.argv[1])
