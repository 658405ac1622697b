//! What the plan and the sources say about each gate and site of `langson-places.tsv` that
//! the table itself does not hold: English name, gate class, the facing Chinese gate,
//! status and area, each with its source.

use super::*;

/// Facts about a place of `langson-places.tsv` that its table does not hold.
pub struct PlaceDef {
    pub id: &'static str,
    pub name_en: &'static str,
    pub gate_class: Option<GateClass>,
    pub paired_gate: Option<(&'static str, &'static str)>,
    pub status: Option<StatusDef>,
    pub area_ha: Option<(f64, &'static str)>,
    /// How the area's source puts it ("nearly 600 ha").
    pub area_qualifier: Option<Qualifier>,
}

/// A site's status, where it is said, and the fact of `facts.json` it rests on.
pub struct StatusDef {
    pub status: SiteStatus,
    pub source: &'static str,
    pub fact: &'static str,
}

const fn gate(
    id: &'static str,
    name_en: &'static str,
    class: GateClass,
    paired_gate: Option<(&'static str, &'static str)>,
) -> PlaceDef {
    PlaceDef {
        id,
        name_en,
        gate_class: Some(class),
        paired_gate,
        status: None,
        area_ha: None,
        area_qualifier: None,
    }
}

const fn site(
    id: &'static str,
    name_en: &'static str,
    status: StatusDef,
    area_ha: Option<(f64, &'static str)>,
) -> PlaceDef {
    PlaceDef {
        id,
        name_en,
        gate_class: None,
        paired_gate: None,
        status: Some(status),
        area_ha,
        area_qualifier: None,
    }
}

/// A site whose area's source qualifies it: "nearly 600 ha".
const fn qualified(qualifier: Qualifier, def: PlaceDef) -> PlaceDef {
    PlaceDef {
        area_qualifier: Some(qualifier),
        ..def
    }
}

const PLACES_TSV: &str = "langson-places.tsv (note column)";
const GATES_NOTES: &str =
    "gates-notes.md (Customs News copy; Chinese 2010 news item), medium confidence";
const STARTED: StatusDef = StatusDef {
    status: SiteStatus::UnderConstruction,
    source: SEED_CLUSTERS,
    fact: "clusters-ground-broken",
};

const fn interested(fact: &'static str) -> StatusDef {
    StatusDef {
        status: SiteStatus::InvestorsInterested,
        source: SEED_CLUSTERS,
        fact,
    }
}

pub const PLACES: [PlaceDef; 21] = [
    gate(
        "huu_nghi",
        "Hữu Nghị International Border Gate",
        GateClass::International,
        Some(("Hữu Nghị Quan", SEED_GIA_DINH)),
    ),
    gate(
        "dong_dang_rail",
        "Đồng Đăng International Railway Border Gate",
        GateClass::International,
        None,
    ),
    gate(
        "chi_ma",
        "Chi Ma Main Border Gate",
        GateClass::Main,
        Some(("Ái Điểm", PLACES_TSV)),
    ),
    gate(
        "tan_thanh",
        "Tân Thanh Border Gate",
        GateClass::Secondary,
        Some(("Pò Chài", PLACES_TSV)),
    ),
    gate(
        "coc_nam",
        "Cốc Nam Border Gate",
        GateClass::Secondary,
        Some(("Lũng Nghìu", PLACES_TSV)),
    ),
    gate(
        "binh_nghi",
        "Bình Nghi Border Gate",
        GateClass::Secondary,
        Some(("Bình Nhi Quan", PLACES_TSV)),
    ),
    gate(
        "na_hinh",
        "Na Hình Border Gate",
        GateClass::Secondary,
        Some(("Keo Ải (Jiao'ai)", GATES_NOTES)),
    ),
    gate(
        "na_nua",
        "Nà Nưa Border Gate",
        GateClass::Secondary,
        Some(("Na Hoa", PLACES_TSV)),
    ),
    gate(
        "po_nhung",
        "Pò Nhùng Border Gate",
        GateClass::Secondary,
        Some(("Dầu Ải (You'ai)", GATES_NOTES)),
    ),
    // No source found names its Chinese counterpart (gates-notes.md).
    gate("co_sau", "Co Sâu Border Gate", GateClass::Secondary, None),
    qualified(
        Qualifier::Nearly,
        site(
            "vsip_lang_son",
            "VSIP Lạng Sơn Industrial Park",
            // Seed 000 announces the groundbreaking for a date; none of the five articles
            // reports that it took place.
            StatusDef {
                status: SiteStatus::GroundbreakingScheduled,
                source: "seeds/000_71ae18c55bfd1688.txt: announced 15/4/2024, groundbreaking planned for 21/4/2024 (“theo kế hoạch dự kiến vào ngày 21/4 tới đây sẽ Khởi công”)",
                fact: "conf2024-groundbreaking-vsip",
            },
            Some((
                600.0,
                "“nearly 600 ha”: https://www.einpresswire.com/article/719999407/construction-of-new-vi-t-nam-singapore-ip-begins-in-l-ng-s-n",
            )),
        ),
    ),
    site(
        "ccn_ho_son_1",
        "Hồ Sơn 1 Industrial Cluster",
        STARTED,
        Some((
            73.76,
            "https://doanhnghiepkinhtexanh.vn/lang-son-thanh-lap-cum-cong-nghiep-ho-son-1-tai-huu-lung-a16440.html",
        )),
    ),
    site("ccn_dinh_lap", "Đình Lập Industrial Cluster", STARTED, None),
    site(
        "ccn_bac_son_2",
        "Bắc Sơn 2 Industrial Cluster",
        STARTED,
        None,
    ),
    site(
        "ccn_minh_son",
        "Minh Sơn Industrial Cluster",
        interested("minh-son-area"),
        Some((55.0, SEED_CLUSTERS)),
    ),
    site(
        "ccn_dong_nam_dong_mo",
        "South-East Đồng Mỏ Industrial Cluster",
        interested("dong-mo-area"),
        Some((70.0, SEED_CLUSTERS)),
    ),
    site(
        "ccn_khang_chien_1",
        "Kháng Chiến No. 1 Industrial Cluster",
        interested("khang-chien-area"),
        Some((60.0, SEED_CLUSTERS)),
    ),
    site(
        "ccn_tan_van",
        "Tân Văn Industrial Cluster",
        interested("tan-van-area"),
        Some((30.0, SEED_CLUSTERS)),
    ),
    site(
        "ccn_quang_lac",
        "Quảng Lạc Industrial Cluster",
        interested("quang-lac-area"),
        Some((50.0, SEED_CLUSTERS)),
    ),
    site(
        "ccn_van_lang",
        "Văn Lãng Industrial Cluster",
        interested("van-lang-area"),
        Some((47.87, SEED_CLUSTERS)),
    ),
    site(
        "ccn_van_lang_2",
        "Văn Lãng 2 Industrial Cluster",
        interested("van-lang-2-area"),
        Some((39.5, SEED_CLUSTERS)),
    ),
];
