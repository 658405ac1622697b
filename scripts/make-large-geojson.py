#!/usr/bin/env python3
"""Writes a large GeoJSON of polygons for the load benchmark, deterministically.

    python3 scripts/make-large-geojson.py [SIZE_MB] [OUT]
    (defaults: 100, target/large/polygons-100mb.geojson)

Polygons are 24-sided "parcels" on a grid over Lạng Sơn with typed properties; the same
arguments always give the same bytes. The file is not committed.
"""
import json
import math
import os
import sys

size_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 100
out = sys.argv[2] if len(sys.argv) > 2 else f"target/large/polygons-{size_mb}mb.geojson"
os.makedirs(os.path.dirname(out), exist_ok=True)
target = size_mb * 1024 * 1024
seed = 12345


def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (seed >> 11) / float(1 << 53)


written = 0
i = 0
with open(out, "w", encoding="utf-8") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    while written < target:
        cx = 106.1 + (i % 1000) * 0.0012
        cy = 21.3 + (i // 1000 % 1000) * 0.0011
        r = 0.0003 + rnd() * 0.0002
        ring = []
        for k in range(24):
            a = 2 * math.pi * k / 24
            rr = r * (0.8 + 0.4 * rnd())
            ring.append([round(cx + rr * math.cos(a), 7), round(cy + rr * math.sin(a), 7)])
        ring.append(ring[0])
        feature = {
            "type": "Feature",
            "properties": {"ma_thua": f"LS-{i:07d}", "dien_tich_m2": round(rnd() * 5000, 2), "loai_dat": ["ODT", "LUC", "SKK", "CLN"][i % 4], "so_to": i % 97},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }
        line = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        if i:
            f.write(",\n")
            written += 2
        f.write(line)
        written += len(line.encode("utf-8"))
        i += 1
    f.write("\n]}\n")
print(f"{out}: {i} polygons, {os.path.getsize(out) / 1048576:.1f} MB")
