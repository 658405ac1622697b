//! What a page's map is drawn from (the sheet, the reader's layers, the language, the
//! fonts, the places names keep out of) and which features a view holds: shared by the
//! map and its labels, so that neither reaches into the other.

use super::text::Fonts;
use super::{PrintLayer, Sheet};
use crate::atlas::{Atlas, Feature, Lang};
use geo::{BoundingRect, Coord};

pub struct MapInput<'a> {
    pub atlas: &'a Atlas,
    pub sheet: &'a Sheet,
    pub user: &'a [PrintLayer],
    pub lang: Lang,
    pub fonts: &'a Fonts,
    /// Where the map's furniture will go: names keep out.
    pub avoid: Vec<super::page::Rect>,
}

pub fn in_view(f: &Feature, view: (Coord, Coord)) -> bool {
    f.geometry
        .as_ref()
        .and_then(BoundingRect::bounding_rect)
        .is_some_and(|r| overlaps((r.min(), r.max()), view))
}

pub fn overlaps(a: (Coord, Coord), b: (Coord, Coord)) -> bool {
    a.0.x <= b.1.x && a.1.x >= b.0.x && a.0.y <= b.1.y && a.1.y >= b.0.y
}
