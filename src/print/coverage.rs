//! What the atlas has a page for (QGIS calls it the coverage layer): the districts, the
//! zones, the 2025 communes and wards, or the steps of a tour. Each becomes a `Sheet`: the
//! area a page's map frames, what it highlights, and the words and facts it carries.

use crate::atlas::facts::FactId;
use crate::atlas::figure_text::format_value;
use crate::atlas::share::Place;
use crate::atlas::{Atlas, FeatureId, Kind, Lang, LayerKind, lang};
use crate::present::tour::Tour;
use geo::{BoundingRect, Coord, MultiPolygon};
use std::str::FromStr;

/// The pages after the cover: one per feature of this coverage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coverage {
    Districts,
    Zones,
    Units2025,
    /// A tour's steps: the built-in tour, or the project's tour of this name.
    Tour(Option<String>),
}

/// A `--pages` argument the atlas does not know.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
#[error("{0}: pages are districts, zones, units-2025, tour or tour:NAME")]
pub struct CoverageArgError(String);

impl FromStr for Coverage {
    type Err = CoverageArgError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "districts" => Ok(Coverage::Districts),
            "zones" => Ok(Coverage::Zones),
            "units-2025" => Ok(Coverage::Units2025),
            "tour" => Ok(Coverage::Tour(None)),
            other => match other.strip_prefix("tour:") {
                Some(name) if !name.trim().is_empty() => {
                    Ok(Coverage::Tour(Some(name.trim().to_owned())))
                }
                _ => Err(CoverageArgError(other.to_owned())),
            },
        }
    }
}

impl Coverage {
    /// Its name in the reader's language, for the cover and the dialog.
    pub fn name(&self, lang: Lang) -> String {
        match self {
            Coverage::Districts => lang.pick("Các huyện, thành phố", "Districts").to_owned(),
            Coverage::Zones => lang
                .pick("Các vùng kinh tế – xã hội", "Socio-economic zones")
                .to_owned(),
            Coverage::Units2025 => lang
                .pick(
                    "Các xã, phường từ 1/7/2025",
                    "Communes and wards since 1 July 2025",
                )
                .to_owned(),
            Coverage::Tour(name) => match name {
                Some(n) => format!("{}: {n}", lang.pick("Chuyến tham quan", "Tour")),
                None => lang.pick("Chuyến tham quan", "The guided tour").to_owned(),
            },
        }
    }
}

/// What a page's map shows brightest.
#[derive(Clone, Debug, PartialEq)]
pub enum Highlight {
    /// Features of the plan.
    Features(Vec<FeatureId>),
    /// A 2025 unit: its centroid, and the approximate outline where the prep tool made one.
    Unit {
        point: Coord,
        outline: Option<MultiPolygon<f64>>,
    },
}

/// One page of the atlas.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub title: String,
    /// What it is ("District-level unit · Dynamic zone").
    pub subtitle: String,
    /// The lon/lat box the map frames (with a margin added by the layout).
    pub bounds: (Coord, Coord),
    pub highlight: Highlight,
    /// The plan layers drawn.
    pub layers: Vec<LayerKind>,
    /// The reader's layers drawn, by key; `None` draws every visible one.
    pub user_layers: Option<Vec<String>>,
    /// Words of the page's own (a tour step's caption, a unit's former communes).
    pub caption: Option<String>,
    /// The feature whose key figures the page gives.
    pub figures_of: Option<FeatureId>,
    /// The facts the page cites, in order.
    pub facts: Vec<FactId>,
    /// Written in italics under the map: why the outline is only approximate, say.
    pub note: Option<String>,
    /// What the page's QR code opens on the web atlas.
    pub place: Place,
}

/// Why no pages could be made.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum CoverageError {
    #[error(transparent)]
    NoSuchTour(#[from] crate::present::tour::NoSuchTour),
    #[error("the tour “{0}” has no step with a place to show")]
    EmptyTour(String),
}

const ALL_PLAN: [LayerKind; 7] = [
    LayerKind::Zones,
    LayerKind::Districts,
    LayerKind::Context,
    LayerKind::Corridors,
    LayerKind::Axis,
    LayerKind::Industry,
    LayerKind::Gates,
];

/// The pages of `coverage`, in the plan's order (districts as the plan lists them, units by
/// their official code). `tours` are the tours a tour coverage may name; without a name,
/// the first is printed (see `present::tour::choose`).
pub fn sheets(
    atlas: &Atlas,
    coverage: &Coverage,
    tours: &[Tour],
    lang: Lang,
) -> Result<Vec<Sheet>, CoverageError> {
    Ok(match coverage {
        Coverage::Districts => feature_sheets(atlas, Kind::District, lang),
        Coverage::Zones => feature_sheets(atlas, Kind::Zone, lang),
        Coverage::Units2025 => unit_sheets(atlas, lang),
        Coverage::Tour(name) => tour_sheets(atlas, tours, name.as_deref(), lang)?,
    })
}

fn province_bounds(atlas: &Atlas) -> Option<(Coord, Coord)> {
    bounds_of(atlas.province()?.geometry.as_ref()?)
}

fn bounds_of(geometry: &geo::Geometry<f64>) -> Option<(Coord, Coord)> {
    geometry.bounding_rect().map(|r| (r.min(), r.max()))
}

fn feature_sheets(atlas: &Atlas, kind: Kind, lang: Lang) -> Vec<Sheet> {
    atlas
        .features()
        .iter()
        .filter(|f| f.kind() == kind)
        .filter_map(|f| {
            let bounds = bounds_of(f.geometry.as_ref()?)?;
            let p = &f.props;
            let mut subtitle = lang::kind_name(kind, lang).to_owned();
            if let (Kind::District, Some(zone)) = (kind, p.zone) {
                subtitle = format!("{subtitle} · {}", lang::zone_name(zone, lang));
            }
            Some(Sheet {
                title: lang.pick(&p.name_vi, &p.name_en).to_owned(),
                subtitle,
                bounds,
                highlight: Highlight::Features(vec![f.id().clone()]),
                layers: ALL_PLAN.to_vec(),
                user_layers: None,
                caption: successors_line(atlas, f.id(), lang),
                figures_of: Some(f.id().clone()),
                facts: atlas.facts.about(f.id()).map(|x| x.id.clone()).collect(),
                note: None,
                place: Place::Feature(f.id().clone()),
            })
        })
        .collect()
}

/// "Since 1 July 2025 its area is in: …" for a district.
fn successors_line(atlas: &Atlas, district: &FeatureId, lang: Lang) -> Option<String> {
    let units = atlas.successors(district);
    if units.is_empty() {
        return None;
    }
    let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    Some(format!(
        "{} {}.",
        lang.pick(
            "Từ 1/7/2025 không còn cấp huyện; địa bàn nay thuộc:",
            "Since 1 July 2025 there are no districts; its area is now in:"
        ),
        names.join(", ")
    ))
}

fn unit_sheets(atlas: &Atlas, lang: Lang) -> Vec<Sheet> {
    let mut units: Vec<_> = atlas.units_2025.iter().collect();
    units.sort_by(|a, b| a.code.cmp(&b.code));
    units
        .into_iter()
        .map(|u| {
            let point = u.point.0;
            // A unit without an outline is framed around its centroid (about 8 km a side).
            let bounds = u
                .cell
                .as_ref()
                .and_then(|c| c.shape.bounding_rect())
                .map_or(
                    (
                        Coord {
                            x: point.x - 0.04,
                            y: point.y - 0.04,
                        },
                        Coord {
                            x: point.x + 0.04,
                            y: point.y + 0.04,
                        },
                    ),
                    |r| (r.min(), r.max()),
                );
            let former: Vec<String> = atlas
                .former_communes(u)
                .iter()
                .map(|c| with_type(&c.commune_type, &c.name))
                .collect();
            let mut caption = match u.area_km2 {
                Some(a) => format!(
                    "{}: {} km².",
                    lang.pick("Diện tích chính thức", "Official area"),
                    format_value(a, lang)
                ),
                None => lang
                    .pick("Nguồn không ghi diện tích.", "The source gives no area.")
                    .to_owned(),
            };
            if !former.is_empty() {
                caption = format!(
                    "{caption} {} {}.",
                    lang.pick(
                        "Hợp thành từ (toàn bộ hoặc một phần):",
                        "Formed from (whole or in part):"
                    ),
                    former.join(", ")
                );
            }
            Sheet {
                title: with_type(&u.unit_type, &u.name),
                subtitle: lang
                    .pick(
                        "Đơn vị hành chính cấp xã từ 1/7/2025",
                        "Commune-level unit since 1 July 2025",
                    )
                    .to_owned(),
                bounds,
                highlight: Highlight::Unit {
                    point,
                    outline: u.cell.as_ref().map(|c| c.shape.clone()),
                },
                layers: vec![
                    LayerKind::Districts,
                    LayerKind::Context,
                    LayerKind::Industry,
                    LayerKind::Gates,
                ],
                user_layers: None,
                caption: Some(caption),
                figures_of: None,
                facts: Vec::new(),
                note: Some(
                    lang.pick(
                        "Ranh giới nét đứt là vùng gần đúng dựng từ tâm các xã cũ, không phải \
                         ranh giới chính thức.",
                        "The dashed outline is an approximate area built from the earlier \
                         communes' centres, not an official boundary.",
                    )
                    .to_owned(),
                ),
                // The web atlas has no link of a 2025 unit's own: its code opens the atlas.
                place: Place::Site,
            }
        })
        .collect()
}

/// "Xã Kháng Chiến" from a type and a name that may already carry it.
fn with_type(kind: &str, name: &str) -> String {
    if name.to_lowercase().starts_with(&kind.to_lowercase()) {
        name.to_owned()
    } else {
        format!("{kind} {name}")
    }
}

fn tour_sheets(
    atlas: &Atlas,
    tours: &[Tour],
    name: Option<&str>,
    lang: Lang,
) -> Result<Vec<Sheet>, CoverageError> {
    let tour = crate::present::tour::choose(tours, name)?;
    // The tour's number on the web page, which lists the tours in this order.
    let number = tours
        .iter()
        .position(|t| std::ptr::eq(t, tour))
        .map_or(1, |i| i + 1);
    let tour_name = if tour.name.is_empty() {
        lang.pick("Chuyến tham quan có sẵn", "The built-in tour")
    } else {
        tour.name.as_str()
    };
    let sheets: Vec<Sheet> = tour
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            Some(Sheet {
                title: lang.pick(&step.title_vi, &step.title_en).to_owned(),
                subtitle: format!(
                    "{tour_name} · {} {}/{}",
                    lang.pick("bước", "step"),
                    i + 1,
                    tour.steps.len()
                ),
                // A step with no place of its own (words only) is shown over the province.
                bounds: step.bounds(atlas).or_else(|| province_bounds(atlas))?,
                highlight: Highlight::Features(step.highlight.clone()),
                layers: step.layers.clone(),
                user_layers: Some(step.user_layers.clone()),
                caption: Some(lang.pick(&step.caption_vi, &step.caption_en).to_owned()),
                figures_of: None,
                facts: step.facts.clone(),
                note: None,
                place: Place::TourStep {
                    tour: number,
                    step: i + 1,
                },
            })
        })
        .collect();
    if sheets.is_empty() {
        return Err(CoverageError::EmptyTour(tour.name.clone()));
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_arguments_name_a_coverage() {
        assert_eq!("districts".parse(), Ok(Coverage::Districts));
        assert_eq!("units-2025".parse(), Ok(Coverage::Units2025));
        assert_eq!("tour".parse(), Ok(Coverage::Tour(None)));
        assert_eq!(
            "tour:Hội nghị".parse(),
            Ok(Coverage::Tour(Some("Hội nghị".into())))
        );
        assert!("tour:".parse::<Coverage>().is_err());
        assert!("communes".parse::<Coverage>().is_err());
    }
}
