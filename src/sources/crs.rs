//! Coordinate reference systems of the planners' files, and reprojection to WGS 84 with
//! proj4rs (pure Rust). VN-2000 is done right: its datum shift to WGS 84 is EPSG:6960, and a
//! `.prj` that names VN-2000 without the shift (as most do) still gets it.

use proj4rs::proj::Proj;

/// EPSG:6960, VN-2000 to WGS 84, as PROJ's `+towgs84` (position-vector convention: the
/// coordinate-frame rotations of EPSG with their signs changed). Translations in metres,
/// rotations in arc-seconds, scale in ppm.
pub const VN2000_TOWGS84: &str =
    "-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278";

/// The VN-2000 provincial 3° transverse Mercator zones with an EPSG code: (code, central
/// meridian in degrees, name). k = 0.9999, x₀ = 500 000 m.
pub const TM3_ZONES: [(u16, f64, &str); 18] = [
    (5896, 102.0, "VN-2000 / TM-3 zone 481"),
    (5897, 105.0, "VN-2000 / TM-3 zone 482"),
    (5898, 108.0, "VN-2000 / TM-3 zone 491"),
    (5899, 107.75, "VN-2000 / TM-3 107-45"),
    (9205, 103.0, "VN-2000 / TM-3 103-00"),
    (9206, 104.0, "VN-2000 / TM-3 104-00"),
    (9207, 104.5, "VN-2000 / TM-3 104-30"),
    (9208, 104.75, "VN-2000 / TM-3 104-45"),
    (9209, 105.5, "VN-2000 / TM-3 105-30"),
    (9210, 105.75, "VN-2000 / TM-3 105-45"),
    (9211, 106.0, "VN-2000 / TM-3 106-00"),
    (9212, 106.25, "VN-2000 / TM-3 106-15"),
    (9213, 106.5, "VN-2000 / TM-3 106-30"),
    (9214, 107.0, "VN-2000 / TM-3 107-00"),
    (9215, 107.25, "VN-2000 / TM-3 107-15"),
    (9216, 107.5, "VN-2000 / TM-3 107-30"),
    (9217, 108.25, "VN-2000 / TM-3 108-15"),
    (9218, 108.5, "VN-2000 / TM-3 108-30"),
];

/// Lạng Sơn's TM-3 zone and its neighbours', offered by name when a file has no CRS.
pub const NEARBY_TM3: [(&str, u16); 6] = [
    ("Lạng Sơn", 9215),
    ("Bắc Giang", 9214),
    ("Bắc Kạn, Thái Nguyên", 9213),
    ("Cao Bằng", 9210),
    ("Quảng Ninh", 5899),
    ("Hà Nội", 9209),
];

/// A coordinate reference system as understood.
#[derive(Clone, Debug, PartialEq)]
pub enum Crs {
    /// Longitude/latitude on WGS 84 (EPSG:4326, and GeoJSON's CRS84).
    Wgs84,
    /// Longitude/latitude on VN-2000 (EPSG:4756).
    Vn2000Geographic,
    /// VN-2000 / UTM zone 48N or 49N (EPSG:3405, 3406).
    Vn2000Utm(u8),
    /// VN-2000 / TM-3 with this central meridian (degrees).
    Vn2000Tm3(f64),
    /// Anything else PROJ strings can say, with a name.
    Other { name: String, proj: String },
}

impl Crs {
    pub fn from_epsg(code: u16) -> Option<Crs> {
        match code {
            4326 => Some(Crs::Wgs84),
            4756 => Some(Crs::Vn2000Geographic),
            3405 => Some(Crs::Vn2000Utm(48)),
            3406 => Some(Crs::Vn2000Utm(49)),
            _ => TM3_ZONES
                .iter()
                .find(|(c, _, _)| *c == code)
                .map(|(_, m, _)| Crs::Vn2000Tm3(*m)),
        }
    }

    /// The EPSG code, where there is one.
    pub fn epsg(&self) -> Option<u16> {
        match self {
            Crs::Wgs84 => Some(4326),
            Crs::Vn2000Geographic => Some(4756),
            Crs::Vn2000Utm(48) => Some(3405),
            Crs::Vn2000Utm(49) => Some(3406),
            Crs::Vn2000Tm3(m) => TM3_ZONES
                .iter()
                .find(|(_, z, _)| (z - m).abs() < 1e-9)
                .map(|(c, _, _)| *c),
            Crs::Vn2000Utm(_) | Crs::Other { .. } => None,
        }
    }

    pub fn name(&self) -> String {
        let base = match self {
            Crs::Wgs84 => "WGS 84".to_owned(),
            Crs::Vn2000Geographic => "VN-2000".to_owned(),
            Crs::Vn2000Utm(z) => format!("VN-2000 / UTM zone {z}N"),
            Crs::Vn2000Tm3(m) => TM3_ZONES
                .iter()
                .find(|(_, z, _)| (z - m).abs() < 1e-9)
                .map_or_else(
                    || format!("VN-2000 / TM-3, central meridian {m}°"),
                    |(_, _, n)| (*n).to_owned(),
                ),
            Crs::Other { name, .. } => name.clone(),
        };
        match self.epsg() {
            Some(code) => format!("{base} (EPSG:{code})"),
            None => base,
        }
    }

    pub fn is_geographic(&self) -> bool {
        matches!(self, Crs::Wgs84 | Crs::Vn2000Geographic)
            || matches!(self, Crs::Other { proj, .. } if proj.contains("+proj=longlat"))
    }

    /// The PROJ string proj4rs reads.
    pub fn proj_string(&self) -> String {
        let vn = format!("+ellps=WGS84 +towgs84={VN2000_TOWGS84} +units=m +no_defs");
        match self {
            Crs::Wgs84 => "+proj=longlat +datum=WGS84 +no_defs".to_owned(),
            Crs::Vn2000Geographic => format!("+proj=longlat {vn}"),
            Crs::Vn2000Utm(z) => format!("+proj=utm +zone={z} {vn}"),
            Crs::Vn2000Tm3(m) => {
                format!("+proj=tmerc +lat_0=0 +lon_0={m} +k=0.9999 +x_0=500000 +y_0=0 {vn}")
            }
            Crs::Other { proj, .. } => proj.clone(),
        }
    }

    /// Reads a `.prj` (ESRI WKT, OGC WKT 1 or 2). VN-2000 is recognised by its datum's name
    /// and always gets the EPSG:6960 shift (most files omit it, which would put everything
    /// about 224 m off); a VN-2000 transverse Mercator with k = 0.9999 and x₀ = 500 km is a
    /// TM-3 zone, named by its central meridian.
    pub fn from_prj(wkt: &str) -> Result<Crs, CrsError> {
        let proj =
            proj4wkt::wkt_to_projstring(wkt).map_err(|e| CrsError::Unreadable(format!("{e:?}")))?;
        let lower = wkt.to_lowercase();
        let vn2000 = [
            "vn_2000",
            "vn-2000",
            "vn2000",
            "vietnam_2000",
            "vietnam 2000",
        ]
        .iter()
        .any(|n| lower.contains(n));
        let param = |key: &str| -> Option<f64> {
            proj.split_whitespace()
                .find_map(|t| t.strip_prefix(&format!("+{key}=")))
                .and_then(|v| v.parse().ok())
        };
        if vn2000 {
            if proj.contains("+proj=longlat") {
                return Ok(Crs::Vn2000Geographic);
            }
            if proj.contains("+proj=utm")
                && let Some(zone) = param("zone")
            {
                return Ok(Crs::Vn2000Utm(zone as u8));
            }
            if proj.contains("+proj=tmerc")
                && let (Some(m), Some(k), Some(x0)) = (param("lon_0"), param("k"), param("x_0"))
            {
                if (k - 0.9999).abs() < 1e-9 && (x0 - 500_000.0).abs() < 1e-6 {
                    return Ok(Crs::Vn2000Tm3(m));
                }
                if (k - 0.9996).abs() < 1e-9
                    && ((m - 105.0).abs() < 1e-9 || (m - 111.0).abs() < 1e-9)
                {
                    return Ok(Crs::Vn2000Utm(if m < 108.0 { 48 } else { 49 }));
                }
            }
            // Another VN-2000 projection: keep it, with the datum shift.
            let without: Vec<&str> = proj
                .split_whitespace()
                .filter(|t| !t.starts_with("+towgs84=") && !t.starts_with("+datum="))
                .collect();
            return Ok(Crs::Other {
                name: "VN-2000 (from .prj)".to_owned(),
                proj: format!("{} +towgs84={VN2000_TOWGS84}", without.join(" ")),
            });
        }
        if proj.contains("+proj=longlat")
            && (proj.contains("WGS84") || lower.contains("wgs_1984") || lower.contains("wgs 84"))
        {
            return Ok(Crs::Wgs84);
        }
        let name = wkt.split('"').nth(1).unwrap_or("from .prj").to_owned();
        Ok(Crs::Other { name, proj })
    }
}

/// What goes wrong with a coordinate system or a point in it.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum CrsError {
    #[error("the .prj cannot be read: {0}")]
    Unreadable(String),
    #[error("{crs}: not understood ({detail})")]
    NotUnderstood { crs: String, detail: String },
    #[error("({x}, {y}) cannot be reprojected: {detail}")]
    Point { x: f64, y: f64, detail: String },
}

/// Reprojects points of one CRS to WGS 84 longitude/latitude (degrees).
pub struct ToWgs84 {
    from: Proj,
    to: Proj,
    geographic: bool,
    identity: bool,
}

impl ToWgs84 {
    pub fn new(crs: &Crs) -> Result<Self, CrsError> {
        let not_understood = |crs: &Crs, e: proj4rs::errors::Error| CrsError::NotUnderstood {
            crs: crs.name(),
            detail: format!("{e:?}"),
        };
        let from =
            Proj::from_proj_string(&crs.proj_string()).map_err(|e| not_understood(crs, e))?;
        let to = Proj::from_proj_string(&Crs::Wgs84.proj_string())
            .map_err(|e| not_understood(&Crs::Wgs84, e))?;
        Ok(Self {
            from,
            to,
            geographic: crs.is_geographic(),
            identity: *crs == Crs::Wgs84,
        })
    }

    /// `(x, y)` in the source CRS (degrees if geographic, else metres) → (lon, lat).
    pub fn point(&self, x: f64, y: f64) -> Result<(f64, f64), CrsError> {
        if self.identity {
            return Ok((x, y));
        }
        let mut p = if self.geographic {
            (x.to_radians(), y.to_radians(), 0.0)
        } else {
            (x, y, 0.0)
        };
        proj4rs::transform::transform(&self.from, &self.to, &mut p).map_err(|e| {
            CrsError::Point {
                x,
                y,
                detail: format!("{e:?}"),
            }
        })?;
        Ok((p.0.to_degrees(), p.1.to_degrees()))
    }
}

impl ToWgs84 {
    /// The other way: (lon, lat) in degrees → the source CRS (to bound a query in a
    /// table's own coordinates).
    pub fn from_lon_lat(&self, lon: f64, lat: f64) -> Result<(f64, f64), CrsError> {
        if self.identity {
            return Ok((lon, lat));
        }
        let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(&self.to, &self.from, &mut p).map_err(|e| {
            CrsError::Point {
                x: lon,
                y: lat,
                detail: format!("{e:?}"),
            }
        })?;
        Ok(if self.geographic {
            (p.0.to_degrees(), p.1.to_degrees())
        } else {
            (p.0, p.1)
        })
    }
}

/// Whether coordinates are plainly not longitude/latitude degrees: most of them lie beyond
/// ±180° / ±90° (a few stray ones are bad points, skipped one by one).
pub fn plainly_projected(xs: impl IntoIterator<Item = (f64, f64)>) -> bool {
    let (mut out, mut all) = (0usize, 0usize);
    for (x, y) in xs {
        all += 1;
        if x.abs() > 180.0 || y.abs() > 90.0 {
            out += 1;
        }
    }
    all > 0 && out * 2 > all
}
