//! Styles of large layers painted off the UI thread. Colouring a layer by a field hashes
//! every feature's value: about 5 ms for 100 000 features in a dozen classes, but some
//! 50 ms when every value differs, which would stall a frame. The layer keeps its old
//! colours until the new ones come; a later style wins over an earlier one still painting.

use super::UserRoom;
use crate::layers::LayerId;
use crate::layers::style::{Painted, Style, paint};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Layers with fewer features are painted in the frame (under 3 ms even when every value
/// differs), so that small layers change at once.
pub const PAINT_IN_FRAME_BELOW: usize = 5_000;

type Job = (
    LayerId,
    Style,
    std::sync::Arc<crate::atlas::io::UserLayer>,
    Receiver<Painted>,
);

#[derive(Default)]
pub struct Restyler {
    /// The layer, the style painted, the features it was painted for, the colours.
    jobs: Vec<Job>,
}

impl Restyler {
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }
}

impl UserRoom {
    pub(super) fn set_style(&mut self, id: LayerId, style: Style) {
        let Some(layer) = self.layers.get_mut(id) else {
            return;
        };
        if layer.data.features.len() < PAINT_IN_FRAME_BELOW {
            layer.set_style(style);
            return;
        }
        layer.stored.style = style.clone();
        let (tx, rx) = channel();
        let (data, job_style, ctx) = (layer.data.clone(), style.clone(), self.ctx.clone());
        let painted_for = layer.data.clone();
        let spawned = std::thread::Builder::new()
            .name("restyle".to_owned())
            .spawn(move || {
                let _ = tx.send(paint(&job_style, &data));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.restyler.jobs.push((id, style, painted_for, rx)),
            Err(_) => layer.set_style(style),
        }
    }

    /// Colours painted since the last frame, for layers still in that style.
    pub(super) fn poll_restyles(&mut self) {
        let mut done = Vec::new();
        self.restyler
            .jobs
            .retain(|(id, style, data, rx)| match rx.try_recv() {
                Ok(painted) => {
                    done.push((*id, style.clone(), data.clone(), painted));
                    false
                }
                Err(TryRecvError::Empty) => true,
                Err(TryRecvError::Disconnected) => false,
            });
        for (id, style, data, painted) in done {
            // Colours count only for the style and the features they were painted for
            // (a database layer's features change with the view).
            if let Some(layer) = self.layers.get_mut(id)
                && layer.stored.style == style
                && std::sync::Arc::ptr_eq(&layer.data, &data)
            {
                layer.painted = painted;
            }
        }
        if self.restyler.busy() {
            self.ctx
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
    }
}
