//! Binary geometries (GeoPackage blobs, FlatGeobuf features) to geo-types, through geozero.
//! geozero's own writer sizes its vectors by the counts the file states, so a damaged count
//! would ask for gigabytes before the read fails: [`Collect`] passes it counts capped at
//! what a real file of that size could hold.

use geo::Geometry;
use geozero::error::Result;
use geozero::geo_types::GeoWriter;
use geozero::{GeomProcessor, GeozeroGeometry};

/// No real count is larger than the bytes left to hold it; this keeps a damaged one from
/// reserving memory (the vectors still grow to the true size as coordinates arrive).
const MAX_RESERVE: usize = 4096;

/// geozero's geo-types writer with every stated count capped.
#[derive(Default)]
pub struct Collect(GeoWriter);

impl Collect {
    pub fn take(&mut self) -> Option<Geometry<f64>> {
        self.0.take_geometry()
    }
}

fn cap(size: usize) -> usize {
    size.min(MAX_RESERVE)
}

impl GeomProcessor for Collect {
    fn xy(&mut self, x: f64, y: f64, idx: usize) -> Result<()> {
        self.0.xy(x, y, idx)
    }
    fn empty_point(&mut self, idx: usize) -> Result<()> {
        self.0.empty_point(idx)
    }
    fn point_begin(&mut self, idx: usize) -> Result<()> {
        self.0.point_begin(idx)
    }
    fn point_end(&mut self, idx: usize) -> Result<()> {
        self.0.point_end(idx)
    }
    fn multipoint_begin(&mut self, size: usize, idx: usize) -> Result<()> {
        self.0.multipoint_begin(cap(size), idx)
    }
    fn multipoint_end(&mut self, idx: usize) -> Result<()> {
        self.0.multipoint_end(idx)
    }
    fn linestring_begin(&mut self, tagged: bool, size: usize, idx: usize) -> Result<()> {
        self.0.linestring_begin(tagged, cap(size), idx)
    }
    fn linestring_end(&mut self, tagged: bool, idx: usize) -> Result<()> {
        self.0.linestring_end(tagged, idx)
    }
    fn multilinestring_begin(&mut self, size: usize, idx: usize) -> Result<()> {
        self.0.multilinestring_begin(cap(size), idx)
    }
    fn multilinestring_end(&mut self, idx: usize) -> Result<()> {
        self.0.multilinestring_end(idx)
    }
    fn polygon_begin(&mut self, tagged: bool, size: usize, idx: usize) -> Result<()> {
        self.0.polygon_begin(tagged, cap(size), idx)
    }
    fn polygon_end(&mut self, tagged: bool, idx: usize) -> Result<()> {
        self.0.polygon_end(tagged, idx)
    }
    fn multipolygon_begin(&mut self, size: usize, idx: usize) -> Result<()> {
        self.0.multipolygon_begin(cap(size), idx)
    }
    fn multipolygon_end(&mut self, idx: usize) -> Result<()> {
        self.0.multipolygon_end(idx)
    }
    fn geometrycollection_begin(&mut self, size: usize, idx: usize) -> Result<()> {
        self.0.geometrycollection_begin(cap(size), idx)
    }
    fn geometrycollection_end(&mut self, idx: usize) -> Result<()> {
        self.0.geometrycollection_end(idx)
    }
}

/// A GeoPackage geometry blob (its header, then WKB); `None` for an empty geometry.
pub fn from_gpkg(blob: &[u8]) -> std::result::Result<Option<Geometry<f64>>, String> {
    // The header's flags say "empty geometry" (bit 4); such a blob may hold no WKB at all.
    if blob.len() >= 4 && &blob[..2] == b"GP" && blob[3] & 0b1_0000 != 0 {
        return Ok(None);
    }
    let mut collect = Collect::default();
    geozero::wkb::GpkgWkb(blob)
        .process_geom(&mut collect)
        .map_err(|e| format!("its geometry cannot be read: {e}"))?;
    Ok(collect.take())
}

/// A plain WKB geometry (PostGIS `ST_AsBinary`).
pub fn from_wkb(bytes: &[u8]) -> std::result::Result<Option<Geometry<f64>>, String> {
    let mut collect = Collect::default();
    geozero::wkb::Wkb(bytes)
        .process_geom(&mut collect)
        .map_err(|e| format!("its geometry cannot be read: {e}"))?;
    Ok(collect.take())
}
