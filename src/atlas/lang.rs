//! The reader's language, and the names of the model's kinds in both languages: shared
//! vocabulary that every room (map labels, panels, exports) speaks, so it lives at the bottom.

use super::kind::{GateClass, Kind, LayerKind, Precision, SiteStatus, Zone};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// Written in snake_case words ("vi", "open_topo_map"); the variant names of the first
// version of the project file are still read.
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    #[serde(alias = "Vi")]
    Vi,
    #[serde(alias = "En")]
    En,
}

impl Lang {
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// `vi` when the language is Vietnamese, else `en`.
    pub fn pick_value<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "VI",
            Lang::En => "EN",
        }
    }
}

pub fn layer_name(layer: LayerKind, lang: Lang) -> &'static str {
    let (vi, en) = match layer {
        LayerKind::Zones => ("3 vùng kinh tế – xã hội", "3 socio-economic zones"),
        LayerKind::Districts => ("11 huyện, thành phố", "11 districts"),
        LayerKind::Context => ("Ranh giới tỉnh, biên giới", "Province and border"),
        LayerKind::Corridors => ("2 hành lang kinh tế", "2 economic corridors"),
        LayerKind::Axis => ("Trục phát triển", "Development axis"),
        LayerKind::Industry => ("Khu, cụm công nghiệp", "Industrial park and clusters"),
        LayerKind::Gates => ("Cửa khẩu", "Border gates"),
        LayerKind::Projects => (
            "Cao tốc, khu kinh tế, dự án",
            "Expressways, economic zone, projects",
        ),
    };
    lang.pick(vi, en)
}

pub fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    let (vi, en) = match kind {
        Kind::Province => ("Tỉnh", "Province"),
        Kind::BorderLine => ("Đường biên giới quốc gia", "International border"),
        Kind::District => ("Huyện, thành phố", "District-level unit"),
        Kind::Zone => ("Vùng kinh tế – xã hội", "Socio-economic zone"),
        Kind::DevelopmentAxis => ("Trục phát triển", "Development axis"),
        Kind::Corridor => ("Hành lang kinh tế", "Economic corridor"),
        Kind::BorderGate => ("Cửa khẩu", "Border gate"),
        Kind::IndustrialCluster => ("Cụm công nghiệp", "Industrial cluster"),
        Kind::IndustrialPark => ("Khu công nghiệp", "Industrial park"),
        Kind::Expressway => ("Đường cao tốc", "Expressway"),
        Kind::EconomicZone => ("Khu kinh tế cửa khẩu", "Border economic zone"),
        Kind::FunctionalArea => ("Khu chức năng", "Functional area"),
        Kind::SmartGate => (
            "Cửa khẩu thông minh (thí điểm)",
            "Smart border gate (pilot)",
        ),
    };
    lang.pick(vi, en)
}

pub fn zone_name(zone: Zone, lang: Lang) -> &'static str {
    let (vi, en) = match zone {
        Zone::Dynamic => ("Vùng kinh tế động lực", "Dynamic economic zone"),
        Zone::East => ("Vùng kinh tế phía đông", "Eastern economic zone"),
        Zone::West => ("Vùng kinh tế phía tây", "Western economic zone"),
    };
    lang.pick(vi, en)
}

pub fn status_name(status: SiteStatus, lang: Lang) -> &'static str {
    let (vi, en) = match status {
        SiteStatus::GroundbreakingScheduled => ("Dự kiến khởi công", "Groundbreaking scheduled"),
        SiteStatus::UnderConstruction => ("Đã khởi công", "Ground broken"),
        SiteStatus::Established => ("Đã thành lập", "Established"),
        SiteStatus::InvestorsInterested => ("Có nhà đầu tư quan tâm", "Investors interested"),
    };
    lang.pick(vi, en)
}

pub fn gate_class_name(class: GateClass, lang: Lang) -> &'static str {
    let (vi, en) = match class {
        GateClass::International => ("Cửa khẩu quốc tế", "International gate"),
        GateClass::Main => ("Cửa khẩu chính", "Main gate"),
        GateClass::Secondary => ("Cửa khẩu phụ", "Secondary gate"),
    };
    lang.pick(vi, en)
}

pub fn precision_name(precision: Precision, lang: Lang) -> &'static str {
    let (vi, en) = match precision {
        Precision::Exact => ("Chính xác", "Exact"),
        Precision::CommuneCentroid => ("Tâm xã (gần đúng)", "Commune centroid (approximate)"),
        Precision::DistrictOnly => ("Chỉ biết huyện", "District only"),
        Precision::Unknown => ("Chưa rõ vị trí", "Location unknown"),
        Precision::Schematic => ("Sơ đồ", "Schematic"),
    };
    lang.pick(vi, en)
}
