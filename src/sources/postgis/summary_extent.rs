//! A table's extent in WGS 84 for `info`: the planner's estimate when it has one, else the
//! server's extent reprojected through its boundary, densified so that a projected
//! table's curved edges are not cut, and the box kept inside it.

use super::Sql;
use crate::sources::IoError;
use crate::sources::crs::{Crs, ToWgs84};
use crate::sources::geometry_blob;
use crate::sources::postgis::classify;

impl Sql<'_> {
    /// The planner's extent (`ST_EstimatedExtent`, from the statistics), if it has one.
    pub(super) fn estimated_extent(&self, tx: &mut postgres::Transaction<'_>) -> Option<[f64; 4]> {
        let mut inner = tx.transaction().ok()?;
        let row = inner
            .query_one(
                "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) \
                 FROM ST_EstimatedExtent($1, $2, $3) AS b",
                &[
                    &self.table.table.schema,
                    &self.table.table.name,
                    &self.table.column,
                ],
            )
            .ok()?;
        let _ = inner.commit();
        match [row.get(0), row.get(1), row.get(2), row.get(3)] {
            [Some(a), Some(b), Some(c), Some(d)] => Some([a, b, c, d]),
            _ => None,
        }
    }

    /// Points of the table's coordinates to WGS 84: by the atlas where it knows the CRS,
    /// else by the server.
    pub(super) fn to_wgs84(
        &self,
        tx: &mut postgres::Transaction<'_>,
        uri: &str,
        points: &[(f64, f64)],
    ) -> Result<Vec<(f64, f64)>, IoError> {
        if let Some(crs) = &self.described.known {
            let to = ToWgs84::new(crs).map_err(|e| IoError::invalid(uri, e.to_string()))?;
            return points
                .iter()
                .map(|&(x, y)| to.point(x, y))
                .collect::<Result<_, _>>()
                .map_err(|e| IoError::invalid(uri, e.to_string()));
        }
        let (xs, ys): (Vec<f64>, Vec<f64>) = points.iter().copied().unzip();
        let rows = tx
            .query(
                "SELECT ST_X(p), ST_Y(p) FROM unnest($1::float8[], $2::float8[]) \
                   WITH ORDINALITY AS u(x, y, i), \
                   LATERAL ST_Transform(ST_SetSRID(ST_MakePoint(x, y), $3::int4), 4326) AS p \
                 ORDER BY i",
                &[&xs, &ys, &self.table.srid],
            )
            .map_err(|e| IoError::from(classify(uri, &e)))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// The WGS 84 box of the box `b` (the table's coordinates) as drawn: its sides, at
    /// 64 points each, brought over. For an estimate, whose box is not the data's anyway.
    pub(super) fn boundary_extent(
        &self,
        tx: &mut postgres::Transaction<'_>,
        uri: &str,
        b: [f64; 4],
    ) -> Result<[f64; 4], IoError> {
        if self.described.known == Some(Crs::Wgs84) {
            return Ok(b);
        }
        let [a, s, c, n] = b;
        let ring = [(a, s), (c, s), (c, n), (a, n), (a, s)];
        let points = densify(&ring, 64);
        Ok(bounds(&self.to_wgs84(tx, uri, &points)?).unwrap_or(b))
    }

    /// The WGS 84 box of the rows themselves. In another CRS the box's corners are not the
    /// data's (a projection turns it: the corners of a province's box land hundreds of
    /// metres off), so the server gives the convex hull of the rows near the box's sides,
    /// where the extremes in longitude and latitude can only be, and its edges are
    /// brought over densified. `checked`: some rows have coordinates a read refuses.
    pub(super) fn wgs84_extent(
        &self,
        tx: &mut postgres::Transaction<'_>,
        uri: &str,
        b: [f64; 4],
        checked: bool,
    ) -> Result<[f64; 4], IoError> {
        if self.described.known == Some(Crs::Wgs84) {
            return Ok(b);
        }
        let inner = self.inner_box(tx, uri, b)?;
        let x = &self.x;
        let mut sql = format!(
            "SELECT ST_AsBinary(ST_ConvexHull(ST_Collect({x}))) FROM {} WHERE {}",
            self.from,
            self.readable()
        );
        if checked {
            sql.push_str(&format!(" AND {}", self.inside()));
        }
        let mut params: Vec<f64> = Vec::new();
        if let Some(inner) = inner {
            sql.push_str(&format!(
                " AND NOT (ST_XMin({x}) > $1 AND ST_YMin({x}) > $2 \
                   AND ST_XMax({x}) < $3 AND ST_YMax({x}) < $4)"
            ));
            params.extend(inner);
        }
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
            .iter()
            .map(|p| p as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let hull: Option<Vec<u8>> = tx
            .query_one(sql.as_str(), &refs)
            .map_err(|e| IoError::from(classify(uri, &e)))?
            .get(0);
        let Some(Ok(Some(hull))) = hull.map(|wkb| geometry_blob::from_wkb(&wkb)) else {
            return self.boundary_extent(tx, uri, b);
        };
        #[expect(
            clippy::wildcard_enum_match_arm,
            reason = "a convex hull is a polygon, a line or a point; any other kind of geo::Geometry falls back to the box's boundary"
        )]
        let points: Vec<(f64, f64)> = match hull {
            geo::Geometry::Polygon(p) => {
                let ring: Vec<(f64, f64)> = p.exterior().coords().map(|c| (c.x, c.y)).collect();
                densify(&ring, 64)
            }
            geo::Geometry::LineString(l) => {
                let line: Vec<(f64, f64)> = l.coords().map(|c| (c.x, c.y)).collect();
                densify(&line, 64)
            }
            geo::Geometry::Point(p) => vec![(p.x(), p.y())],
            _ => return self.boundary_extent(tx, uri, b),
        };
        Ok(bounds(&self.to_wgs84(tx, uri, &points)?).unwrap_or(b))
    }

    /// The box inside `b` whose rows cannot hold an extreme of longitude or latitude;
    /// `None` when every row may (a narrow or a strongly turned box). A row whose extreme
    /// longitude beats the one at the box's side lies within `height × tilt` of that side,
    /// where the tilt is how far lines of equal longitude (latitude) lean from the table's
    /// axes; it is measured at nine points of the box, with a margin.
    pub(super) fn inner_box(
        &self,
        tx: &mut postgres::Transaction<'_>,
        uri: &str,
        b: [f64; 4],
    ) -> Result<Option<[f64; 4]>, IoError> {
        let [a, s, c, n] = b;
        let (w, h) = (c - a, n - s);
        if w <= 0.0 || h <= 0.0 {
            return Ok(None);
        }
        let step = 1e-3 * w.max(h);
        let mut points = Vec::new();
        for x in [a, (a + c) / 2.0, c] {
            for y in [s, (s + n) / 2.0, n] {
                points.extend([(x, y), (x + step, y), (x, y + step)]);
            }
        }
        let lonlat = self.to_wgs84(tx, uri, &points)?;
        let mut tilt: f64 = 0.0;
        for p in lonlat.chunks_exact(3) {
            let (o, east, north) = (p[0], p[1], p[2]);
            let (dlon_x, dlat_x) = (east.0 - o.0, east.1 - o.1);
            let (dlon_y, dlat_y) = (north.0 - o.0, north.1 - o.1);
            tilt = tilt
                .max((dlon_y / dlon_x).abs())
                .max((dlat_x / dlat_y).abs());
        }
        let tilt = tilt + 0.02;
        let (dx, dy) = (h * tilt, w * tilt);
        if !tilt.is_finite() || 2.0 * dx >= w || 2.0 * dy >= h {
            return Ok(None);
        }
        Ok(Some([a + dx, s + dy, c - dx, n - dy]))
    }
}

/// The points of the path `line` with `per_edge - 1` more between each two.
fn densify(line: &[(f64, f64)], per_edge: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(line.len() * per_edge);
    for pair in line.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        for i in 0..per_edge {
            let t = i as f64 / per_edge as f64;
            out.push((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
        }
    }
    out.extend(line.last());
    out
}

/// The box of `points`.
fn bounds(points: &[(f64, f64)]) -> Option<[f64; 4]> {
    let mut it = points
        .iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite());
    let &(x, y) = it.next()?;
    Some(it.fold([x, y, x, y], |[a, b, c, d], &(x, y)| {
        [a.min(x), b.min(y), c.max(x), d.max(y)]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_densified_edge_keeps_its_ends() {
        let points = densify(&[(0.0, 0.0), (4.0, 0.0)], 4);
        assert_eq!(
            points,
            [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (4.0, 0.0)]
        );
        assert_eq!(bounds(&points), Some([0.0, 0.0, 4.0, 0.0]));
    }
}
