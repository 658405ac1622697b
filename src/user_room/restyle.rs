//! Styles of large layers painted off the UI thread. Colouring a layer by a field hashes
//! every feature's value: about 5 ms for 100 000 features in a dozen classes, but some
//! 50 ms when every value differs, which would stall a frame. The layer keeps its old
//! colours until the new ones come; a later style wins over an earlier one still painting.

use super::UserRoom;
use crate::layers::LayerId;
use crate::layers::style::{Painted, Style, paint};
use crate::task::{Poll, Task};

/// Layers with fewer features are painted in the frame (under 3 ms even when every value
/// differs), so that small layers change at once.
pub const PAINT_IN_FRAME_BELOW: usize = 5_000;

type Job = (
    LayerId,
    Style,
    std::sync::Arc<crate::sources::UserLayer>,
    Task<Painted>,
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
        let (data, job_style, ctx) = (layer.data.clone(), style.clone(), self.ctx.clone());
        let painted_for = layer.data.clone();
        let spawned = Task::spawn(
            "restyle",
            move || ctx.request_repaint(),
            move |_| paint(&job_style, &data),
        );
        match spawned {
            Ok(task) => self.restyler.jobs.push((id, style, painted_for, task)),
            Err(_) => layer.set_style(style),
        }
    }

    /// Colours painted since the last frame, for layers still in that style.
    pub(super) fn poll_restyles(&mut self) {
        let mut done = Vec::new();
        self.restyler
            .jobs
            .retain_mut(|(id, style, data, task)| match task.poll() {
                Poll::Done(painted) => {
                    done.push((*id, style.clone(), data.clone(), painted));
                    false
                }
                Poll::Running => true,
                Poll::Lost => false,
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
