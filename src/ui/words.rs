//! The words of the user-layer panels and windows, in Vietnamese and English.

use crate::atlas::Lang;
use crate::layers::Problem;
use crate::sources::IoError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    MyLayers,
    OpenFile,
    OpenHint,
    DropHere,
    Loading,
    Cancel,
    Remove,
    ZoomTo,
    Table,
    Style,
    Opacity,
    Rename,
    MoveUp,
    MoveDown,
    Features,
    Attributes,
    NoAttributes,
    Layer,
    ChooseCrs,
    ChooseCrsHelp,
    ChooseLayer,
    OtherEpsg,
    Single,
    Categorised,
    Graduated,
    Field,
    Colour,
    PointSize,
    LineWidth,
    LabelField,
    NoLabel,
    Classes,
    QuickFilter,
    ColumnFilters,
    Equals,
    Contains,
    Range,
    Of,
    Selected,
    ZoomToSelection,
    ExportCsv,
    ExportGeoJson,
    ClearSelection,
    PlanLayerTable,
    Close,
    Open,
    Skipped,
    NoDialog,
    ChooseColumns,
    ChooseColumnsHelp,
    LonColumn,
    LatColumn,
    FilesWaiting,
    FocusFiltered,
    WktColumn,
    OpenWkt,
}

impl W {
    pub fn get(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            W::MyLayers => ("Lớp của tôi", "My layers"),
            W::OpenFile => ("Mở tệp… (Ctrl+O)", "Open file… (Ctrl+O)"),
            W::OpenHint => (
                "hoặc kéo thả tệp vào cửa sổ, hoặc gõ đường dẫn:",
                "or drop files on the window, or type a path:",
            ),
            W::DropHere => (
                "Thả tệp để mở thành lớp bản đồ",
                "Drop the files to open them as map layers",
            ),
            W::Loading => ("Đang đọc", "Loading"),
            W::Cancel => ("Hủy", "Cancel"),
            W::Remove => ("Gỡ lớp", "Remove layer"),
            W::ZoomTo => ("Phóng tới lớp", "Zoom to layer"),
            W::Table => ("Bảng thuộc tính", "Attribute table"),
            W::Style => ("Kiểu hiển thị", "Style"),
            W::Opacity => ("Độ đậm", "Opacity"),
            W::Rename => ("Nhấp đúp để đổi tên", "Double-click to rename"),
            W::MoveUp => ("Đưa lên", "Move up"),
            W::MoveDown => ("Đưa xuống", "Move down"),
            W::Features => ("đối tượng", "features"),
            W::Attributes => ("Thuộc tính", "Attributes"),
            W::NoAttributes => ("Không có thuộc tính", "No attributes"),
            W::Layer => ("Lớp", "Layer"),
            W::ChooseCrs => ("Chọn hệ tọa độ", "Choose the coordinate system"),
            W::ChooseCrsHelp => (
                "Tọa độ của tệp không phải độ và tệp không ghi hệ tọa độ. Dữ liệu của Sở thường ở VN-2000 múi 3° của tỉnh:",
                "The file's coordinates are not degrees and it names no coordinate system. Department data is usually VN-2000 in the province's 3° zone:",
            ),
            W::ChooseLayer => ("Chọn lớp trong tệp", "Choose a layer of the file"),
            W::OtherEpsg => ("Mã EPSG khác:", "Another EPSG code:"),
            W::Single => ("Một màu", "Single colour"),
            W::Categorised => ("Theo loại", "Categorised"),
            W::Graduated => ("Phân cấp theo số", "Graduated"),
            W::Field => ("Trường", "Field"),
            W::Colour => ("Màu", "Colour"),
            W::PointSize => ("Cỡ điểm", "Point size"),
            W::LineWidth => ("Độ dày nét", "Line width"),
            W::LabelField => ("Nhãn", "Label"),
            W::NoLabel => ("(không)", "(none)"),
            W::Classes => ("Số lớp", "Classes"),
            W::QuickFilter => ("Lọc nhanh…", "Quick filter…"),
            W::ColumnFilters => ("Lọc theo cột", "Column filters"),
            W::Equals => ("bằng", "equals"),
            W::Contains => ("chứa", "contains"),
            W::Range => ("từ – đến", "from – to"),
            W::Of => ("trên", "of"),
            W::Selected => ("đã chọn", "selected"),
            W::ZoomToSelection => ("Phóng tới phần chọn", "Zoom to selection"),
            W::ExportCsv => ("Xuất CSV (các dòng đang hiện)", "Export CSV (rows shown)"),
            W::ExportGeoJson => ("Xuất GeoJSON (phần chọn)", "Export GeoJSON (selection)"),
            W::ClearSelection => ("Bỏ chọn", "Clear selection"),
            W::PlanLayerTable => ("Bảng của lớp quy hoạch", "Plan layer table"),
            W::Close => ("Đóng", "Close"),
            W::Open => ("Mở", "Open"),
            W::Skipped => ("bị bỏ qua", "skipped"),
            W::ChooseColumns => ("Chọn cột tọa độ", "Choose the coordinate columns"),
            W::ChooseColumnsHelp => (
                "Không nhận ra cột tọa độ theo tên. Chọn cột kinh độ (hoặc X, hướng Đông) và vĩ độ (hoặc Y, hướng Bắc), hoặc một cột WKT:",
                "No coordinate column is recognised by its name. Choose the longitude (or X, easting) and latitude (or Y, northing) columns, or a WKT column:",
            ),
            W::LonColumn => ("Kinh độ / X (Đông):", "Longitude / X (easting):"),
            W::LatColumn => ("Vĩ độ / Y (Bắc):", "Latitude / Y (northing):"),
            W::WktColumn => ("Cột WKT:", "WKT column:"),
            W::OpenWkt => ("Mở theo cột WKT", "Open by the WKT column"),
            W::FocusFiltered => (
                "Đối tượng đang chọn bị bộ lọc ẩn khỏi bảng.",
                "The selected feature is hidden by the table's filters.",
            ),
            W::FilesWaiting => (
                "Tệp khác đang chờ câu trả lời sau tệp này:",
                "Other files waiting for an answer after this one:",
            ),
            W::NoDialog => (
                "Máy này không có hộp thoại chọn tệp (xdg-desktop-portal hoặc zenity): hãy kéo thả tệp vào cửa sổ hoặc gõ đường dẫn.",
                "No file dialog on this desktop (xdg-desktop-portal or zenity): drop files on the window or type a path.",
            ),
        };
        lang.pick(vi, en)
    }
}

/// Why a layer is not on the map, in the reader's language. The loader's own detail (a
/// parser's words, a row number) stays as the loader gives it.
pub fn problem(p: &Problem, lang: Lang) -> String {
    if lang == Lang::En {
        return p.to_string();
    }
    match p {
        Problem::Missing(path) => format!(
            "{}: tệp không còn ở đó (đã chuyển, đổi tên hoặc xóa)",
            path.display()
        ),
        Problem::Loader(why) => format!("Không tải được lớp: {why}"),
        Problem::Io(e) => match e {
            IoError::Unreadable { path, message } => {
                format!("{path}: không đọc được tệp ({message})")
            }
            IoError::Empty { path } => format!("{path}: tệp rỗng"),
            IoError::TooLarge { path, size, max } => {
                format!("{path}: tệp {size} byte, lớn hơn mức {max} byte một lớp được phép")
            }
            IoError::UnknownFormat { path } => format!(
                "{path}: không phải định dạng atlas đọc được (GeoJSON, CSV, TSV, Shapefile hoặc tệp zip của nó, KML, KMZ, GeoPackage, FlatGeobuf)"
            ),
            IoError::Invalid { path, message }
                if crate::sources::is_database(std::path::Path::new(path)) =>
            {
                format!("{path}: cơ sở dữ liệu báo: {message}")
            }
            IoError::Invalid { path, message } => {
                format!("{path}: tệp hỏng hoặc sai định dạng: {message}")
            }
            IoError::NoCoordinates { path, columns } => {
                format!("{path}: không có cột tọa độ trong {}", columns.join(", "))
            }
            IoError::NeedsCrs { path } => {
                format!("{path}: tọa độ không phải độ và tệp không ghi hệ tọa độ")
            }
            IoError::ChooseLayer { path, layers } => format!(
                "{path}: có {} lớp ({}); hãy chọn một",
                layers.len(),
                layers.join(", ")
            ),
            IoError::Cancelled { path } => format!("{path}: đã hủy"),
            IoError::Unwritable { path, message } => {
                format!("{path}: không ghi được tệp ({message})")
            }
            IoError::Database(e) => database_problem(e),
        },
    }
}

/// A database source's fault in Vietnamese; the server's own words stay as it gave them.
fn database_problem(e: &crate::sources::postgis::PgError) -> String {
    use crate::sources::postgis::PgError;
    let uri = e.uri();
    match e {
        PgError::Unreachable { why, .. } => format!("{uri}: không kết nối được máy chủ: {why}"),
        PgError::Password { why, .. } => {
            format!("{uri}: máy chủ từ chối tên người dùng hoặc mật khẩu: {why}")
        }
        PgError::NeedsPassword { .. } => {
            format!("{uri}: cần mật khẩu (nhập vào, hoặc đặt PGPASSWORD hay ~/.pgpass)")
        }
        PgError::NoPostgis { .. } => {
            format!("{uri}: cơ sở dữ liệu chưa có PostGIS (CREATE EXTENSION postgis)")
        }
        PgError::NoTable { table, .. } => {
            format!("{uri}: không có bảng hay view {table} với cột hình học")
        }
        PgError::UnknownSrid { table, srid, .. } => {
            format!("{uri}: {table} có SRID {srid}, cả atlas lẫn máy chủ đều không biết")
        }
        PgError::Timeout { .. } => format!("{uri}: truy vấn quá lâu nên đã bị dừng"),
        PgError::Lost { why, .. } => format!("{uri}: mất kết nối với máy chủ: {why}"),
        PgError::Query { why, .. } => format!("{uri}: cơ sở dữ liệu báo: {why}"),
    }
}

/// What the list says of a loaded layer: the file changed since the last session, features
/// were skipped (with the first reason, as the loader gives it), and the loader's first
/// other warning.
pub fn layer_note(
    changed: bool,
    skipped: usize,
    warnings: &[String],
    lang: Lang,
) -> Option<String> {
    let mut parts = Vec::new();
    if changed {
        parts.push(
            lang.pick(
                "tệp đã thay đổi từ phiên trước",
                "the file changed since the last session",
            )
            .to_owned(),
        );
    }
    // The loader words a skipped feature's reason "…: skipped"; its other warnings (a code
    // page guessed, a ring closed, counts that disagree) are said apart from the skips.
    let (skips, others): (Vec<&String>, Vec<&String>) =
        warnings.iter().partition(|w| w.ends_with(": skipped"));
    if skipped > 0 {
        let what = lang.pick("đối tượng bị bỏ qua", "features skipped");
        parts.push(match skips.first() {
            Some(reason) => format!("{skipped} {what}: {reason}"),
            None => format!("{skipped} {what}"),
        });
    }
    if let Some(first) = others.first() {
        let more = match others.len() - 1 {
            0 => String::new(),
            n => format!(" (+{n})"),
        };
        parts.push(format!("{}: {first}{more}", lang.pick("Lưu ý", "Note")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
