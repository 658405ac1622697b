//! What a conference takes away, in the vocabulary and the state: the PDF atlas's and the
//! tour video's choices, the export under way and how the last one went.

use super::ExportStatus;
use crate::atlas::Lang;
use crate::print::{Coverage, Paper};

/// What the Publish window makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publication {
    Pdf,
    Video,
    /// The atlas as a folder for any browser (`web`).
    Web,
}

/// The pages of the PDF atlas after its cover and contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfPages {
    Districts,
    Zones,
    Units2025,
    /// A tour's steps: the built-in one (`None`) or the project's tour of that index.
    Tour(Option<usize>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PdfSettings {
    pub pages: PdfPages,
    pub lang: Lang,
    pub paper: Paper,
    pub landscape: bool,
}

/// The sizes a video is offered in, in pixels.
pub const VIDEO_SIZES: [[u32; 2]; 3] = [[1280, 720], [1920, 1080], [3840, 2160]];
/// The frame rates offered.
pub const VIDEO_FPS: [u32; 3] = [25, 30, 60];

#[derive(Clone, Debug, PartialEq)]
pub struct VideoSettings {
    /// The built-in tour (`None`) or the project's tour of that index.
    pub tour: Option<usize>,
    /// Index into [`VIDEO_SIZES`].
    pub size: usize,
    pub fps: u32,
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WebSettings {
    /// The language the page opens in.
    pub lang: Lang,
}

/// The Publish window's state; `app::publish` runs the exports and keeps it current.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishState {
    /// The window is open on this tab.
    pub open: Option<Publication>,
    pub pdf: PdfSettings,
    pub video: VideoSettings,
    pub web: WebSettings,
    /// The last web page written, to open in the browser.
    pub web_page: Option<std::path::PathBuf>,
    /// Where the atlas will be published on the web, as typed (checked when used): the PDF,
    /// the video and the presentation's share screen carry its QR code. Empty: none.
    pub url: String,
    /// Done and to do (pages or frames), while an export runs.
    pub progress: Option<(u64, u64)>,
    pub status: Option<ExportStatus>,
}

impl PublishState {
    /// Where the atlas is published on the web, when the address typed is one.
    pub fn share_url(&self) -> Option<crate::atlas::share::ShareUrl> {
        crate::atlas::share::ShareUrl::optional(&self.url)
            .ok()
            .flatten()
    }
}

impl Default for PublishState {
    fn default() -> Self {
        Self {
            open: None,
            pdf: PdfSettings {
                pages: PdfPages::Districts,
                lang: Lang::Vi,
                paper: Paper::A4,
                landscape: false,
            },
            video: VideoSettings {
                tour: None,
                size: 1,
                fps: 30,
                lang: Lang::Vi,
            },
            web: WebSettings { lang: Lang::Vi },
            web_page: None,
            url: String::new(),
            progress: None,
            status: None,
        }
    }
}

impl PdfPages {
    /// The coverage to print, given the project's tours' names; `None` when the tour
    /// chosen is no longer there.
    pub fn coverage(&self, tour_names: &[String]) -> Option<Coverage> {
        Some(match self {
            PdfPages::Districts => Coverage::Districts,
            PdfPages::Zones => Coverage::Zones,
            PdfPages::Units2025 => Coverage::Units2025,
            PdfPages::Tour(None) => Coverage::Tour(None),
            PdfPages::Tour(Some(i)) => Coverage::Tour(Some(tour_names.get(*i)?.clone())),
        })
    }
}

/// The Publish window's actions.
#[derive(Clone, Debug, PartialEq)]
pub enum PublishAction {
    Show(Publication),
    Close,
    Pdf(PdfSettings),
    Video(VideoSettings),
    Web(WebSettings),
    /// The web address of the published atlas, as typed.
    Url(String),
    /// Ask where, then make the publication of the open tab.
    Start,
    /// Stop the export under way (nothing is left under the chosen name).
    Cancel,
}
