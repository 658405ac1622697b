//! A database view's pages on their way to the map. The reading thread prepares each page
//! as a load prepares a file (its features in WGS 84, their boxes' R-tree, their marks in
//! world units, the colours of every feature read so far) and sends it; the frame adds it
//! to the layer: the first page of a view replaces the old view's features, later ones are
//! appended, which costs the frame the page's size, never the layer's. The channel holds
//! [`WAITING`] pages: a reader faster than the frames waits for them, so a frame never has
//! more than that to add.

use crate::layers::index::FeatureIndex;
use crate::layers::style::{Paint, Painted, Style, paint};
use crate::map::user_layer::WorldLayer;
use crate::sources::postgis::{self, PagedEnd, View};
use crate::sources::{IoError, Progress, UserFeature, UserLayer};
use std::sync::mpsc::SyncSender;

/// Pages sent and not yet taken by a frame, at most.
pub(super) const WAITING: usize = 4;

/// One page, ready to add to a layer.
pub(super) struct Page {
    /// Its features, the fields as the rows so far type them.
    pub(super) layer: UserLayer,
    /// Its features' boxes, by position in the page.
    pub(super) index: FeatureIndex,
    pub(super) world: WorldLayer,
    /// The colours of every feature of the read so far, this page's last, in the read's
    /// style: a category's colour depends on all the values read.
    pub(super) painted: Painted,
}

/// What a finished read adds to its pages: one index of all of them (the same tree a
/// one-shot read builds), and what the layer says (the cap, the rows skipped).
pub(super) struct End {
    pub(super) index: FeatureIndex,
    pub(super) said: PagedEnd,
}

/// Reads what `view` shows of the table `uri` names, at most a view's cap, on a worker:
/// each page prepared and sent through `pages`, the window woken for it. A frame that no
/// longer listens (a newer view, the layer removed) stops the read.
pub(super) fn read(
    uri: &str,
    style: &Style,
    view: Option<View>,
    progress: &Progress,
    pages: &SyncSender<Page>,
    ctx: &egui::Context,
) -> Result<End, IoError> {
    let mut boxes = Vec::new();
    let mut so_far: Option<UserLayer> = None;
    let said = postgis::open_uri_pages(uri, view, postgis::VIEW_CAP, progress, &mut |layer| {
        boxes.extend(FeatureIndex::boxes(&layer));
        let page = Page {
            index: FeatureIndex::new(&layer),
            world: WorldLayer::new(&layer),
            painted: paint_so_far(&mut so_far, style, &layer),
            layer,
        };
        pages.send(page).map_err(|_| IoError::Cancelled {
            path: uri.to_owned(),
        })?;
        ctx.request_repaint();
        Ok(())
    })?;
    Ok(End {
        index: FeatureIndex::of_boxes(&boxes),
        said,
    })
}

/// The colours of every feature read so far, `page` added. Only the values `style`
/// colours by are kept (a feature with no geometry and its one value): the colours are
/// those the whole layer would get, without a second copy of its features.
fn paint_so_far(so_far: &mut Option<UserLayer>, style: &Style, page: &UserLayer) -> Painted {
    let name = match &style.paint {
        Paint::Single(_) => None,
        Paint::Categorised { field } | Paint::Graduated { field, .. } => Some(field),
    };
    let at = name.and_then(|n| page.fields.iter().position(|f| &f.name == n));
    let skinny = UserLayer {
        fields: at
            .and_then(|i| page.fields.get(i))
            .into_iter()
            .cloned()
            .collect(),
        features: page
            .features
            .iter()
            .map(|f| UserFeature {
                geometry: None,
                values: at
                    .and_then(|i| f.values.get(i))
                    .into_iter()
                    .cloned()
                    .collect(),
            })
            .collect(),
        ..page.clone_empty()
    };
    match so_far {
        Some(layer) => postgis::append(layer, skinny),
        None => *so_far = Some(skinny),
    }
    so_far
        .as_ref()
        .map_or_else(Painted::default, |layer| paint(style, layer))
}
