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

# TM-3 metres under column names no reader guesses (as a surveyor's export has them):
# the user chooses the columns, then the coordinate system.
rows = ["ten_du_an,toa_do_dong,toa_do_bac"]
for p in pts:
    rows.append(f"{p['name']},{p['tm3_107_15'][0]},{p['tm3_107_15'][1]}")
write("du-an-toa-do.csv", "\n".join(rows) + "\n")

# A WKT geometry column.
write("wkt.csv", "id,wkt\n1,\"POINT (106.76 21.85)\"\n2,\"LINESTRING (106.7 21.9, 106.8 21.95)\"\n3,\"POLYGON ((106.7 21.8, 106.8 21.8, 106.8 21.9, 106.7 21.8))\"\n4,\"POINT (broken\"\n")

# No usable coordinate columns.
write("no-coordinates.csv", "ten,dia_chi\nCông ty A,Cao Lộc\n")
# KML as Google Earth writes it: folders, points, a line, a polygon, a MultiGeometry,
# ExtendedData; and the same as KMZ. One placemark lies outside the world.
placemarks = []
for i, p in enumerate(pts[:4]):
    placemarks.append(f"""<Placemark><name>{p['name']}</name><description>Dự án số {i + 1}</description>
<ExtendedData><Data name="von_dau_tu"><value>{150 + i * 10}</value></Data><Data name="nha_dau_tu"><value>Công ty {chr(65 + i)}</value></Data></ExtendedData>
<Point><coordinates>{p['lon']},{p['lat']},0</coordinates></Point></Placemark>""")
placemarks.append("""<Placemark><name>Tuyến nối</name><LineString><coordinates>106.70,21.90 106.75,21.92 106.80,21.95</coordinates></LineString></Placemark>""")
placemarks.append("""<Placemark><name>Khu đất</name><Polygon><outerBoundaryIs><LinearRing><coordinates>106.70,21.80 106.80,21.80 106.80,21.90 106.70,21.80</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>""")
placemarks.append("""<Placemark><name>Hai điểm</name><MultiGeometry><Point><coordinates>106.71,21.81</coordinates></Point><Point><coordinates>106.72,21.82</coordinates></Point></MultiGeometry></Placemark>""")
placemarks.append("""<Placemark><name>Ngoài phạm vi</name><Point><coordinates>500,95</coordinates></Point></Placemark>""")
kml = f"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Dự án</name>
<Folder><name>Khu công nghiệp</name>
{chr(10).join(placemarks[:4])}
</Folder>
{chr(10).join(placemarks[4:])}
</Document></kml>
"""
write("du-an.kml", kml)
import zipfile
with zipfile.ZipFile(os.path.join(HERE, "du-an.kmz"), "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo("doc.kml", date_time=(2026, 11, 24, 0, 0, 0))
    z.writestr(info, kml.encode("utf-8"), zipfile.ZIP_DEFLATED)
write("not-a-kmz.kmz", "this is not a zip archive\n")
# A zip of the VN-2000 shapefile (written by tests/io_shapefile.rs), as mailed around.
shp_parts = [f"lo-dat-vn2000.{e}" for e in ("shp", "shx", "dbf", "prj", "cpg")]
if all(os.path.exists(os.path.join(HERE, p)) for p in shp_parts):
    with zipfile.ZipFile(os.path.join(HERE, "lo-dat-vn2000.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for p in shp_parts:
            info = zipfile.ZipInfo("lo-dat/" + p, date_time=(2026, 11, 24, 0, 0, 0))
            z.writestr(info, open(os.path.join(HERE, p), "rb").read(), zipfile.ZIP_DEFLATED)

# Bad input, one class per file.
# Polygon rings: one closed, one whose closing position is left out (as many writers do:
# it is closed and said so), one of two positions (bounds nothing: skipped).
square = [[106.70, 21.80], [106.80, 21.80], [106.80, 21.90], [106.70, 21.90]]
write("rings.geojson", fc([
    {"type": "Feature", "properties": {"ten": "khép kín"}, "geometry": {"type": "Polygon", "coordinates": [square + [square[0]]]}},
    {"type": "Feature", "properties": {"ten": "không khép"}, "geometry": {"type": "Polygon", "coordinates": [square]}},
    {"type": "Feature", "properties": {"ten": "hai điểm"}, "geometry": {"type": "Polygon", "coordinates": [square[:2]]}},
]))
# Python's json writes NaN and Infinity, which JSON does not allow: the loader keeps the
# features before the first of them and says where it stopped.
write("nan.geojson", fc([good, point(float("nan"), 21.85, {"ten": "NaN"}), good]))
# Coordinate cells that parse as numbers but are not finite ones.
write("not-finite.csv", "ten,lon,lat\nA,106.76,21.85\nB,NaN,21.85\nC,inf,21.9\nD,106.7,1e999\n")
# The VN-2000 shapefile with its .dbf cut to ten of its twelve records, and with a .cpg
# naming a code page that does not exist.
if all(os.path.exists(os.path.join(HERE, p)) for p in shp_parts):
    import shutil, struct
    for stem in ("mismatched", "unknown-cpg"):
        for e in ("shp", "shx", "prj"):
            shutil.copyfile(os.path.join(HERE, f"lo-dat-vn2000.{e}"), os.path.join(HERE, f"{stem}.{e}"))
    dbf = open(os.path.join(HERE, "lo-dat-vn2000.dbf"), "rb").read()
    header_len, record_len = struct.unpack("<HH", dbf[8:12])
    cut = dbf[:4] + struct.pack("<I", 10) + dbf[8:header_len + 10 * record_len] + b"\x1a"
    open(os.path.join(HERE, "mismatched.dbf"), "wb").write(cut)
    shutil.copyfile(os.path.join(HERE, "lo-dat-vn2000.dbf"), os.path.join(HERE, "unknown-cpg.dbf"))
    write("unknown-cpg.cpg", "KOI9-LS\n")
print("fixtures written to", HERE)
