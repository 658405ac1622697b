//! The look shared by every surface: the typeface and the UI palette. The map's own
//! symbology (zone fills, gate symbols, line widths) is `map::style`; everything else that
//! has a colour takes it from here, so a projector or print theme is a change to one file.

pub mod fonts;
pub mod palette;
pub mod qr;

pub use palette::{Medium, Palette, palette};

use egui::Color32;

/// Text on light backgrounds.
pub const INK: Color32 = Color32::from_gray(30);
/// Headings on light backgrounds.
pub const INK_STRONG: Color32 = Color32::from_gray(15);
/// Secondary text on light backgrounds.
pub const INK_SOFT: Color32 = Color32::from_gray(40);
/// Hairlines around cards laid over the map.
pub const CARD_STROKE: Color32 = Color32::from_gray(160);
/// Cards laid over the map (title, legend, attribution, scale bar).
pub const CARD: Color32 = Color32::from_rgba_premultiplied(235, 235, 235, 235);
/// A lighter veil for small boxes over the map.
pub const VEIL: Color32 = Color32::from_rgba_premultiplied(210, 210, 210, 210);
/// Tooltip background.
pub const TOOLTIP: Color32 = Color32::from_rgba_premultiplied(245, 245, 240, 245);
/// Tooltip hairline and muted glyphs.
pub const MUTED: Color32 = Color32::from_gray(120);

/// Problems the user should notice: data errors, failed tiles, approximate locations.
pub const WARNING: Color32 = Color32::from_rgb(190, 80, 0);
/// A finished job.
pub const SUCCESS: Color32 = Color32::from_rgb(20, 120, 40);
/// A failed job.
pub const FAILURE: Color32 = Color32::from_rgb(190, 40, 20);
/// Where sources disagree, and misprints.
pub const CONFLICT: Color32 = Color32::from_rgb(190, 70, 0);
/// Figures and statements that are plans or targets, not achievements.
pub const PLANNED: Color32 = Color32::from_rgb(40, 90, 170);
/// The quoted words in the article viewer.
pub const QUOTE_HIGHLIGHT: Color32 = Color32::from_rgb(255, 236, 120);
/// Article text.
pub const ARTICLE_TEXT: Color32 = Color32::BLACK;

/// Presentation caption area: a dark band that reads on any projector.
pub const CAPTION_BACKGROUND: Color32 = Color32::from_rgb(16, 20, 28);
pub const CAPTION_TEXT: Color32 = Color32::from_rgb(245, 245, 240);
pub const CAPTION_SOFT: Color32 = Color32::from_rgb(170, 178, 190);
/// Attribution line in the caption band.
pub const CAPTION_FAINT: Color32 = Color32::from_rgb(140, 148, 160);
/// The presenter's black screen.
pub const BLANK_SCREEN: Color32 = Color32::BLACK;
/// The veil over the map behind a video's title and end cards: the caption's colour, mostly
/// opaque.
pub const CARD_VEIL: Color32 = Color32::from_rgba_premultiplied(13, 17, 24, 215);
