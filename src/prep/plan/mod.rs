//! What the plan and the articles say about the mapped places, beyond their coordinates:
//! official names, zones, classes, statuses and areas, each with where it comes from.

use crate::atlas::facts::Qualifier;
use crate::atlas::{GateClass, SiteStatus, Zone};

mod places;
pub use places::{PLACES, PlaceDef};

/// Seed articles, by file name in `seeds/`.
pub const SEED_PLAN: &str = "seeds/001_a7b5ed5705138d30.txt";
pub const SEED_GIA_DINH: &str = "seeds/002_cdcfc0dc92c5f591.txt";
pub const SEED_CLUSTERS: &str = "seeds/003_b020f80b961ec120.txt";
pub const SEED_CONFERENCE: &str = "seeds/000_71ae18c55bfd1688.txt";

pub struct DistrictDef {
    /// `shapeName` in geoBoundaries (ASCII).
    pub shape_name: &'static str,
    pub id: &'static str,
    pub name_vi: &'static str,
    /// Name as the commune gazetteer and the places table write it ("Huyện Cao Lộc").
    pub full_name_vi: &'static str,
    pub name_en: &'static str,
    pub zone: Zone,
}

/// The 11 district-level units and their zone, per the plan (seed 001: "Vùng kinh tế động
/// lực gồm thành phố Lạng Sơn mở rộng, huyện Chi Lăng, huyện Hữu Lũng; vùng kinh tế phía
/// đông gồm các huyện Lộc Bình, Đình Lập; vùng kinh tế phía tây gồm các huyện Văn Quan,
/// Bình Gia, Bắc Sơn, Văn Lãng, Tràng Định"; Cao Lộc belongs to the expanded city).
pub const DISTRICTS: [DistrictDef; 11] = [
    district(
        "Lang Son",
        "tp_lang_son",
        "Thành phố Lạng Sơn",
        "Thành phố Lạng Sơn",
        "Lạng Sơn City",
        Zone::Dynamic,
    ),
    district(
        "Cao Loc",
        "cao_loc",
        "Cao Lộc",
        "Huyện Cao Lộc",
        "Cao Lộc District",
        Zone::Dynamic,
    ),
    district(
        "Chi Lang",
        "chi_lang",
        "Chi Lăng",
        "Huyện Chi Lăng",
        "Chi Lăng District",
        Zone::Dynamic,
    ),
    district(
        "Huu Lung",
        "huu_lung",
        "Hữu Lũng",
        "Huyện Hữu Lũng",
        "Hữu Lũng District",
        Zone::Dynamic,
    ),
    district(
        "Loc Binh",
        "loc_binh",
        "Lộc Bình",
        "Huyện Lộc Bình",
        "Lộc Bình District",
        Zone::East,
    ),
    district(
        "Dinh Lap",
        "dinh_lap",
        "Đình Lập",
        "Huyện Đình Lập",
        "Đình Lập District",
        Zone::East,
    ),
    district(
        "Van Quan",
        "van_quan",
        "Văn Quan",
        "Huyện Văn Quan",
        "Văn Quan District",
        Zone::West,
    ),
    district(
        "Binh Gia",
        "binh_gia",
        "Bình Gia",
        "Huyện Bình Gia",
        "Bình Gia District",
        Zone::West,
    ),
    district(
        "Bac Son",
        "bac_son",
        "Bắc Sơn",
        "Huyện Bắc Sơn",
        "Bắc Sơn District",
        Zone::West,
    ),
    district(
        "Van Lang",
        "van_lang",
        "Văn Lãng",
        "Huyện Văn Lãng",
        "Văn Lãng District",
        Zone::West,
    ),
    district(
        "Trang Dinh",
        "trang_dinh",
        "Tràng Định",
        "Huyện Tràng Định",
        "Tràng Định District",
        Zone::West,
    ),
];

const fn district(
    shape_name: &'static str,
    id: &'static str,
    name_vi: &'static str,
    full_name_vi: &'static str,
    name_en: &'static str,
    zone: Zone,
) -> DistrictDef {
    DistrictDef {
        shape_name,
        id,
        name_vi,
        full_name_vi,
        name_en,
        zone,
    }
}

pub fn district_by_full_name(full: &str) -> Option<&'static DistrictDef> {
    DISTRICTS.iter().find(|d| d.full_name_vi == full)
}

pub fn zone_names(zone: Zone) -> (&'static str, &'static str) {
    match zone {
        Zone::Dynamic => ("Vùng kinh tế động lực", "Dynamic economic zone"),
        Zone::East => ("Vùng kinh tế phía đông", "Eastern economic zone"),
        Zone::West => ("Vùng kinh tế phía tây", "Western economic zone"),
    }
}

/// A stop of a schematic line: a commune of the gazetteer, a place of the places table,
/// or a district's centroid as the gazetteer gives it.
pub enum Stop {
    Commune(&'static str),
    Place(&'static str),
    DistrictCentroid(&'static str),
}

pub struct LineDef {
    pub id: &'static str,
    pub kind: crate::atlas::Kind,
    pub name_vi: &'static str,
    pub name_en: &'static str,
    pub stops: &'static [Stop],
    /// The Natural Earth town the line heads for past its last stop; it ends where it
    /// meets the province boundary.
    pub toward: &'static str,
    pub routes: &'static [&'static str],
    pub districts: &'static [&'static str],
}

/// The axis and the two corridors, per seed 001: "Trục phát triển kinh tế Đồng Đăng - Hữu
/// Lũng ... chạy dọc theo tuyến cao tốc từ cửa khẩu Hữu Nghị qua thành phố Lạng Sơn mở
/// rộng, các huyện Chi Lăng, Hữu Lũng, kết nối với các tỉnh Bắc Giang ..."; the corridors
/// "dọc theo tuyến Quốc lộ 4A, cao tốc Đồng Đăng - Trà Lĩnh, kết nối với tỉnh Cao Bằng" and
/// "dọc theo Quốc lộ 4B, cao tốc Lạng Sơn - Tiên Yên, kết nối ... với tỉnh Quảng Ninh".
pub const LINES: [LineDef; 3] = [
    LineDef {
        id: "axis_dong_dang_huu_lung",
        kind: crate::atlas::Kind::DevelopmentAxis,
        name_vi: "Trục phát triển kinh tế Đồng Đăng – Hữu Lũng",
        name_en: "Đồng Đăng – Hữu Lũng economic development axis",
        stops: &[
            Stop::Place("huu_nghi"),
            Stop::Commune("Thị trấn Đồng Đăng"),
            Stop::DistrictCentroid("Thành phố Lạng Sơn"),
            Stop::Commune("Thị trấn Đồng Mỏ"),
            Stop::Commune("Thị trấn Chi Lăng"),
            Stop::Commune("Thị trấn Hữu Lũng"),
        ],
        toward: "Bắc Giang",
        // Seed 001 names no road for the axis, only this expressway route; it does not
        // say whether it is the Hữu Nghị – Chi Lăng project of seed 000.
        routes: &[
            "Tuyến cao tốc từ cửa khẩu Hữu Nghị qua thành phố Lạng Sơn mở rộng, các huyện Chi Lăng, Hữu Lũng",
        ],
        districts: &["cao_loc", "tp_lang_son", "chi_lang", "huu_lung"],
    },
    LineDef {
        id: "corridor_cao_loc_trang_dinh",
        kind: crate::atlas::Kind::Corridor,
        name_vi: "Hành lang kinh tế Cao Lộc – Văn Lãng – Tràng Định",
        name_en: "Cao Lộc – Văn Lãng – Tràng Định economic corridor",
        stops: &[
            Stop::Commune("Thị trấn Đồng Đăng"),
            Stop::Commune("Thị trấn Na Sầm"),
            Stop::Commune("Thị trấn Thất Khê"),
        ],
        toward: "Cao Bằng",
        routes: &["Quốc lộ 4A", "Cao tốc Đồng Đăng – Trà Lĩnh"],
        districts: &["cao_loc", "van_lang", "trang_dinh"],
    },
    LineDef {
        id: "corridor_lang_son_dinh_lap",
        kind: crate::atlas::Kind::Corridor,
        name_vi: "Hành lang kinh tế thành phố Lạng Sơn – Lộc Bình – Đình Lập",
        name_en: "Lạng Sơn City – Lộc Bình – Đình Lập economic corridor",
        stops: &[
            Stop::DistrictCentroid("Thành phố Lạng Sơn"),
            Stop::Commune("Thị trấn Lộc Bình"),
            Stop::Commune("Thị trấn Đình Lập"),
        ],
        toward: "Cẩm Phả",
        routes: &["Quốc lộ 4B", "Cao tốc Lạng Sơn – Tiên Yên"],
        districts: &["tp_lang_son", "loc_binh", "dinh_lap"],
    },
];

/// Projects and areas the articles name but no open dataset locates: listed with their
/// sources, never drawn at a guessed place.
pub struct ProjectDef {
    pub id: &'static str,
    pub kind: crate::atlas::Kind,
    pub name_vi: &'static str,
    pub name_en: &'static str,
    pub source: &'static str,
    pub districts: &'static [&'static str],
    pub note: &'static str,
}

const SEED_BEZ: &str = "seeds/004_40fef7ffeec52a22.txt";

pub const PROJECTS: [ProjectDef; 8] = [
    ProjectDef {
        id: "expressway_huu_nghi_chi_lang",
        kind: crate::atlas::Kind::Expressway,
        name_vi: "Cao tốc cửa khẩu Hữu Nghị – Chi Lăng",
        name_en: "Hữu Nghị border gate – Chi Lăng expressway",
        source: SEED_CONFERENCE,
        districts: &["cao_loc", "tp_lang_son", "chi_lang"],
        note: "BOT project; groundbreaking planned for 21/4/2024 (seed 000). The development axis runs along an expressway from the Hữu Nghị gate (seed 001); the articles do not say whether it is this one. No open alignment data.",
    },
    ProjectDef {
        id: "expressway_dong_dang_tra_linh",
        kind: crate::atlas::Kind::Expressway,
        name_vi: "Cao tốc Đồng Đăng – Trà Lĩnh",
        name_en: "Đồng Đăng – Trà Lĩnh expressway",
        source: SEED_PLAN,
        districts: &["cao_loc", "van_lang", "trang_dinh"],
        note: "Along the Cao Lộc – Văn Lãng – Tràng Định corridor toward Cao Bằng (seeds 001, 002). No open alignment data.",
    },
    ProjectDef {
        id: "expressway_lang_son_tien_yen",
        kind: crate::atlas::Kind::Expressway,
        name_vi: "Cao tốc Lạng Sơn – Tiên Yên",
        name_en: "Lạng Sơn – Tiên Yên expressway",
        source: SEED_PLAN,
        districts: &["tp_lang_son", "loc_binh", "dinh_lap"],
        note: "Along the Lạng Sơn – Lộc Bình – Đình Lập corridor toward Quảng Ninh (seed 001). No open alignment data.",
    },
    ProjectDef {
        id: "bez_dong_dang_lang_son",
        kind: crate::atlas::Kind::EconomicZone,
        name_vi: "Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
        name_en: "Đồng Đăng – Lạng Sơn border economic zone",
        source: SEED_BEZ,
        districts: &[],
        note: "Named in seeds 000, 001 and 004; its boundary is not in any open dataset at hand.",
    },
    ProjectDef {
        id: "bez_transshipment",
        kind: crate::atlas::Kind::FunctionalArea,
        name_vi: "Khu Trung chuyển hàng hóa (Khu KTCK)",
        name_en: "Goods transshipment area (border economic zone)",
        source: SEED_BEZ,
        districts: &[],
        note: "Functional area of the border economic zone (seed 004). Location not given.",
    },
    ProjectDef {
        id: "bez_export_processing_1",
        kind: crate::atlas::Kind::FunctionalArea,
        name_vi: "Khu Chế xuất 1 (Khu KTCK)",
        name_en: "Export processing zone 1 (border economic zone)",
        source: SEED_BEZ,
        districts: &[],
        note: "Functional area of the border economic zone (seed 004). Location not given.",
    },
    ProjectDef {
        id: "bez_non_tariff_1",
        kind: crate::atlas::Kind::FunctionalArea,
        name_vi: "Khu phi thuế quan giai đoạn 1 (Khu KTCK)",
        name_en: "Non-tariff area, phase 1 (border economic zone)",
        source: SEED_BEZ,
        districts: &[],
        note: "Functional area of the border economic zone (seed 004). Location not given.",
    },
    ProjectDef {
        id: "smart_gate_pilot",
        kind: crate::atlas::Kind::SmartGate,
        name_vi: "Thí điểm cửa khẩu thông minh trên đường chuyên dụng Hữu Nghị – Hữu Nghị Quan",
        name_en: "Smart border gate pilot on the Hữu Nghị – Youyiguan cargo roads",
        source: SEED_GIA_DINH,
        districts: &["cao_loc"],
        note: "Dedicated cargo roads at border markers 1119–1120 and 1088/2–1089 (seed 002). Marker coordinates are not in the open data at hand.",
    },
];
