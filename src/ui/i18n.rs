//! Every user-facing string, in Vietnamese and English. Vietnamese is the default.

use crate::atlas::{GateClass, Kind, LayerKind, Precision, SiteStatus, Zone};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
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

/// Fixed UI texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T {
    AppTitle,
    Layers,
    Legend,
    Basemap,
    Language,
    ZoomToProvince,
    ZoomToSelection,
    Close,
    Search,
    SearchHint,
    NoResults,
    NotOnMap,
    NotOnMapHelp,
    Kind,
    District,
    Commune,
    Zone,
    Area,
    AreaComputed,
    Status,
    GateClassLabel,
    PairedGate,
    Routes,
    Via,
    Districts,
    Source,
    Precision,
    Note,
    Approximate,
    Schematic,
    Coordinates,
    Zoom,
    TilesLoading,
    TilesFailed,
    OfflineBasemap,
    OfflineOnly,
    DataErrors,
    NothingSelected,
    ClickHint,
    Attribution,
    Keys,
    Facts,
    NoFacts,
    Conflict,
    Quote,
    SourceArticle,
    Overview,
    KeyFigures,
    Present,
    ExitPresentation,
    Export,
}

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            T::AppTitle => (
                "Atlas quy hoạch tỉnh Lạng Sơn 2021–2030",
                "Lạng Sơn provincial plan atlas 2021–2030",
            ),
            T::Layers => ("Lớp bản đồ", "Layers"),
            T::Legend => ("Chú giải", "Legend"),
            T::Basemap => ("Bản đồ nền", "Basemap"),
            T::Language => ("Ngôn ngữ", "Language"),
            T::ZoomToProvince => ("Toàn tỉnh", "Whole province"),
            T::ZoomToSelection => ("Thu phóng đến đối tượng", "Zoom to feature"),
            T::Close => ("Đóng", "Close"),
            T::Search => ("Tìm kiếm", "Search"),
            T::SearchHint => (
                "Tìm huyện, xã, cửa khẩu, cụm công nghiệp…",
                "Find a district, commune, gate, cluster…",
            ),
            T::NoResults => ("Không tìm thấy", "Nothing found"),
            T::NotOnMap => ("Chưa có vị trí trên bản đồ", "Not on the map"),
            T::NotOnMapHelp => (
                "Các nguồn chỉ cho biết huyện (hoặc chưa rõ vị trí): không vẽ điểm đoán.",
                "The sources give only the district (or no location): no point is guessed.",
            ),
            T::Kind => ("Loại", "Kind"),
            T::District => ("Huyện/thành phố", "District"),
            T::Commune => ("Xã/thị trấn", "Commune"),
            T::Zone => ("Vùng", "Zone"),
            T::Area => ("Diện tích", "Area"),
            T::AreaComputed => ("Diện tích (tính trắc địa)", "Area (geodesic)"),
            T::Status => ("Tình trạng", "Status"),
            T::GateClassLabel => ("Loại cửa khẩu", "Gate class"),
            T::PairedGate => ("Cửa khẩu đối diện (Trung Quốc)", "Facing gate (China)"),
            T::Routes => ("Tuyến giao thông", "Routes"),
            T::Via => ("Đi qua", "Via"),
            T::Districts => ("Các huyện", "Districts"),
            T::Source => ("Nguồn vị trí", "Location source"),
            T::Precision => ("Độ chính xác", "Precision"),
            T::Note => ("Ghi chú", "Note"),
            T::Approximate => (
                "Vị trí gần đúng: tâm xã, không phải vị trí thực của công trình.",
                "Approximate: the commune centroid, not the site itself.",
            ),
            T::Schematic => (
                "Sơ đồ quy hoạch: nối các đô thị được nêu tên, không theo tim đường.",
                "Schematic planning line through the named towns, not a surveyed road.",
            ),
            T::Coordinates => ("Toạ độ", "Coordinates"),
            T::Zoom => ("Mức phóng", "Zoom"),
            T::TilesLoading => ("đang tải ô bản đồ", "tiles loading"),
            T::TilesFailed => ("Không tải được ô bản đồ", "Tiles could not be loaded"),
            T::OfflineBasemap => (
                "Bản đồ nền ngoại tuyến (kèm chương trình)",
                "Offline basemap (built in)",
            ),
            T::OfflineOnly => (
                "Chế độ ngoại tuyến: không dùng máy chủ ô bản đồ",
                "Offline mode: no tile servers",
            ),
            T::DataErrors => ("Lỗi dữ liệu", "Data errors"),
            T::NothingSelected => ("Chưa chọn đối tượng", "Nothing selected"),
            T::ClickHint => (
                "Nhấp vào một huyện, trục, hành lang, cửa khẩu hoặc cụm công nghiệp để xem thông tin.",
                "Click a district, the axis, a corridor, a gate or an industrial site to see its facts.",
            ),
            T::Attribution => ("Nguồn dữ liệu", "Data sources"),
            T::Facts => ("Thông tin từ các bài viết", "What the articles say"),
            T::NoFacts => (
                "Các bài viết không nêu thông tin riêng về đối tượng này.",
                "The articles state nothing specific about this feature.",
            ),
            T::Conflict => ("⚠ Các nguồn ghi khác nhau:", "⚠ The sources disagree:"),
            T::Quote => ("Trích dẫn", "Quote"),
            T::SourceArticle => ("Nguồn", "Source"),
            T::Overview => ("Tổng quan quy hoạch tỉnh", "Provincial plan overview"),
            T::KeyFigures => ("Số liệu chính", "Key figures"),
            T::Present => ("Trình chiếu (F5)", "Present (F5)"),
            T::Export => ("Xuất ảnh PNG", "Export PNG"),
            T::ExitPresentation => ("Thoát (Esc)", "Exit (Esc)"),
            T::Keys => (
                "Phím: Esc bỏ chọn · +/– phóng · Home toàn tỉnh · Ctrl+F tìm",
                "Keys: Esc clear · +/– zoom · Home province · Ctrl+F search",
            ),
        };
        lang.pick(vi, en)
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
        SiteStatus::UnderConstruction => ("Đã khởi công", "Under construction"),
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
