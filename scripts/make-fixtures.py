#!/usr/bin/env python3
"""Writes the small file-format fixtures of tests/data/ (run from the repository root).

Every fixture is made here, by this script, from the reference points in
tests/data/vn2000-reference.json (computed with PROJ, see that file) and invented
attribute values; none is copied from elsewhere. Re-run after changing it:
    python3 scripts/make-fixtures.py
"""
import json
import os

HERE = "tests/data"
ref = json.load(open(os.path.join(HERE, "vn2000-reference.json"), encoding="utf-8"))
pts = ref["points"]


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def fc(features, crs=None):
    out = {"type": "FeatureCollection"}
    if crs:
        out["crs"] = {"type": "name", "properties": {"name": crs}}
    out["features"] = features
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


def point(x, y, props):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [x, y]}}


# GeoJSON in WGS 84, with typed properties in a deliberate order (z before a).
write("sites.geojson", fc([
    point(p["lon"], p["lat"], {"ten": p["name"], "so_thu_tu": i + 1, "dien_tich_ha": 10.5 + i, "hoat_dong": i % 2 == 0, "ghi_chu": None})
    for i, p in enumerate(pts)
] + [{"type": "Feature", "properties": {"ten": "Vùng thử", "so_thu_tu": 99}, "geometry": {"type": "Polygon", "coordinates": [[[106.7, 21.8], [106.8, 21.8], [106.8, 21.9], [106.7, 21.9], [106.7, 21.8]]]}}]))

# The same points in VN-2000 / TM-3 107-15, named by a pre-RFC crs member.
write("sites-vn2000-tm3.geojson", fc([
    point(p["tm3_107_15"][0], p["tm3_107_15"][1], {"ten": p["name"]}) for p in pts
], crs="urn:ogc:def:crs:EPSG::9215"))

# VN-2000 metres with no crs member: the loader must ask, not misplace.
write("sites-vn2000-no-crs.geojson", fc([
    point(p["tm3_107_15"][0], p["tm3_107_15"][1], {"ten": p["name"]}) for p in pts
]))

# Partly broken: a bad coordinate, an out-of-range one, then the file is cut short.
good = point(106.76, 21.85, {"ten": "Thành phố Lạng Sơn"})
text = fc([good, point(500.0, 95.0, {"ten": "ngoài phạm vi"}), good])
write("truncated.geojson", text[: len(text) - 40])
write("out-of-range.geojson", fc([good, point(500.0, 95.0, {"ten": "ngoài phạm vi"}), good]))
write("not-geojson.geojson", "<html><body>Not a layer</body></html>\n")
write("empty.geojson", "")

# CSV of investors with English column names, UTF-8 with BOM as Excel writes it.
rows = ["\ufeffname,lon,lat,capital_billion_vnd,listed"]
for i, p in enumerate(pts):
    rows.append(f"\"{p['name']}\",{p['lon']},{p['lat']},{100 + i * 25.5},{'true' if i % 3 == 0 else 'false'}")
rows.append("\"Không có toạ độ\",,,5,false")
write("investors.csv", "\r\n".join(rows) + "\r\n")

# Semicolon CSV with Vietnamese column names and decimal commas.
rows = ["Tên;Kinh độ;Vĩ độ;Số lao động"]
for i, p in enumerate(pts[:6]):
    rows.append(f"{p['name']};{str(p['lon']).replace('.', ',')};{str(p['lat']).replace('.', ',')};{40 + i}")
write("lao-dong.csv", "\n".join(rows) + "\n")

# Tab-separated, VN-2000 TM-3 metres in x/y columns (the reader is told the CRS).
rows = ["ma\tx\ty"]
for i, p in enumerate(pts):
    rows.append(f"LS{i:02}\t{p['tm3_107_15'][0]}\t{p['tm3_107_15'][1]}")
write("vn2000-points.tsv", "\n".join(rows) + "\n")

# A WKT geometry column.
write("wkt.csv", "id,wkt\n1,\"POINT (106.76 21.85)\"\n2,\"LINESTRING (106.7 21.9, 106.8 21.95)\"\n3,\"POLYGON ((106.7 21.8, 106.8 21.8, 106.8 21.9, 106.7 21.8))\"\n4,\"POINT (broken\"\n")

# No usable coordinate columns.
write("no-coordinates.csv", "ten,dia_chi\nCông ty A,Cao Lộc\n")
print("fixtures written to", HERE)
