//! Where the atlas is published on the web, and the deep links into it that QR codes carry:
//! the site, a feature (`#f=<id>`), a tour's step (`#tour=<n>&step=<k>`, 1-based), each
//! with its language (`lang=vi`, `lang=en`) so that a handout's code opens in the handout's language. The web page reads the same fragment.

use super::{FeatureId, Lang};

/// The address of the published atlas: an absolute http(s) URL without a fragment (the
/// deep links own the fragment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareUrl(String);

/// Why a text is not the address of a published atlas.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum ShareUrlError {
    #[error("no web address was given")]
    Empty,
    #[error("“{0}” is not a web address: {1}")]
    NotUrl(String, String),
    #[error("“{0}” is not a web address: it starts with {1}:, not http: or https:")]
    Scheme(String, String),
    #[error("“{0}” has no host name")]
    NoHost(String),
    #[error(
        "“{0}” already has a fragment (#…): the QR codes add their own (#f=…, #tour=…); give \
         the address without it"
    )]
    Fragment(String),
    #[error("“{0}” has a space or a control character in it")]
    Space(String),
}

impl ShareUrlError {
    /// What is wrong, in the reader's language (the window shows it under the field).
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShareUrlError::Empty, Lang::Vi) => "chưa có địa chỉ web".to_owned(),
            (ShareUrlError::NotUrl(text, _), Lang::Vi) => {
                format!("“{text}” không phải địa chỉ web (https://…)")
            }
            (ShareUrlError::Scheme(text, _), Lang::Vi) => {
                format!("“{text}” không bắt đầu bằng http:// hoặc https://")
            }
            (ShareUrlError::NoHost(text), Lang::Vi) => format!("“{text}” thiếu tên máy chủ"),
            (ShareUrlError::Fragment(text), Lang::Vi) => format!(
                "“{text}” đã có phần #…: mã QR tự thêm phần này (#f=…, #tour=…); hãy bỏ nó đi"
            ),
            (ShareUrlError::Space(text), Lang::Vi) => {
                format!("“{text}” có dấu cách hoặc ký tự điều khiển")
            }
            (_, Lang::En) => self.to_string(),
        }
    }
}

/// What a link opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The atlas as it opens.
    Site,
    Feature(FeatureId),
    /// Step `step` of tour `tour`, both counted from 1.
    TourStep {
        tour: usize,
        step: usize,
    },
}

impl ShareUrl {
    /// Checks `text` (trimmed). The address is kept as written when it is ASCII, so the
    /// code on a handout holds what the presenter typed; otherwise its encoded form
    /// (punycode host, percent-escaped path), which every phone's reader opens.
    pub fn parse(text: &str) -> Result<ShareUrl, ShareUrlError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ShareUrlError::Empty);
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ShareUrlError::Space(text.to_owned()));
        }
        let url = url::Url::parse(text)
            .map_err(|e| ShareUrlError::NotUrl(text.to_owned(), e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ShareUrlError::Scheme(
                text.to_owned(),
                url.scheme().to_owned(),
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(ShareUrlError::NoHost(text.to_owned()));
        }
        // A bare `#` is a fragment too: `URL##f=…` would not be read as a deep link.
        if url.fragment().is_some() || text.contains('#') {
            return Err(ShareUrlError::Fragment(text.to_owned()));
        }
        Ok(ShareUrl(if text.is_ascii() {
            text.to_owned()
        } else {
            url.as_str().to_owned()
        }))
    }

    /// `None` for an empty text (no address set), else the checked address.
    pub fn optional(text: &str) -> Result<Option<ShareUrl>, ShareUrlError> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            ShareUrl::parse(text).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The atlas as it opens (in English: `#lang=en`).
    pub fn site(&self, lang: Lang) -> String {
        self.link(&Place::Site, lang)
    }

    /// The atlas with `id` selected and framed.
    pub fn feature(&self, id: &FeatureId, lang: Lang) -> String {
        self.link(&Place::Feature(id.clone()), lang)
    }

    /// Step `step` of tour `tour` (both from 1).
    pub fn tour_step(&self, tour: usize, step: usize, lang: Lang) -> String {
        self.link(&Place::TourStep { tour, step }, lang)
    }

    /// The link that opens `place`.
    pub fn link(&self, place: &Place, lang: Lang) -> String {
        let mut parts = match place {
            Place::Site => Vec::new(),
            Place::Feature(id) => vec![format!("f={}", escaped(id.as_str()))],
            Place::TourStep { tour, step } => vec![format!("tour={tour}"), format!("step={step}")],
        };
        // A deep link names its language both ways: a site published in English opens a
        // bare link in English, and a Vietnamese handout's code must still open Vietnamese.
        // The site itself opens in the language it was published in, unless English.
        match (lang, place) {
            (Lang::Vi, Place::Site) => {}
            (Lang::Vi, Place::Feature(_) | Place::TourStep { .. }) => {
                parts.push("lang=vi".to_owned());
            }
            (Lang::En, _) => parts.push("lang=en".to_owned()),
        }
        if parts.is_empty() {
            self.0.clone()
        } else {
            format!("{}#{}", self.0, parts.join("&"))
        }
    }
}

impl std::fmt::Display for ShareUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A value percent-escaped for the fragment: the geodata's ids (`huu_nghi`) pass as they
/// are, anything else cannot break the `&`-separated fields.
fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> ShareUrl {
        match ShareUrl::parse(text) {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn deep_links_follow_the_web_page_s_fragment() {
        let base = url("https://atlas.langson.gov.vn/quy-hoach/");
        assert_eq!(
            base.site(Lang::Vi),
            "https://atlas.langson.gov.vn/quy-hoach/"
        );
        assert_eq!(
            base.site(Lang::En),
            "https://atlas.langson.gov.vn/quy-hoach/#lang=en"
        );
        let gate = FeatureId::new("huu_nghi");
        assert_eq!(
            base.feature(&gate, Lang::Vi),
            "https://atlas.langson.gov.vn/quy-hoach/#f=huu_nghi&lang=vi"
        );
        assert_eq!(
            base.feature(&FeatureId::new("vsip_lang_son"), Lang::En),
            "https://atlas.langson.gov.vn/quy-hoach/#f=vsip_lang_son&lang=en"
        );
        assert_eq!(
            base.tour_step(1, 3, Lang::Vi),
            "https://atlas.langson.gov.vn/quy-hoach/#tour=1&step=3&lang=vi"
        );
        assert_eq!(
            base.tour_step(2, 1, Lang::En),
            "https://atlas.langson.gov.vn/quy-hoach/#tour=2&step=1&lang=en"
        );
        // An id with a character the fragment reserves cannot add a field.
        assert_eq!(
            base.feature(&FeatureId::new("a&b c"), Lang::Vi),
            "https://atlas.langson.gov.vn/quy-hoach/#f=a%26b%20c&lang=vi"
        );
    }

    #[test]
    fn the_address_is_kept_as_given_with_its_query() {
        assert_eq!(
            url("  http://10.0.0.5:8080/atlas  ").as_str(),
            "http://10.0.0.5:8080/atlas"
        );
        assert_eq!(
            url("https://example.org/atlas/index.html?v=2").feature(&FeatureId::new("x"), Lang::Vi),
            "https://example.org/atlas/index.html?v=2#f=x&lang=vi"
        );
        // Not ASCII: the encoded form every reader opens.
        assert_eq!(
            url("https://example.org/bản-đồ/").as_str(),
            "https://example.org/b%E1%BA%A3n-%C4%91%E1%BB%93/"
        );
    }

    #[test]
    fn what_is_not_a_published_atlas_s_address_is_refused_in_words() {
        assert_eq!(ShareUrl::parse("  "), Err(ShareUrlError::Empty));
        assert_eq!(ShareUrl::optional(" "), Ok(None));
        assert!(matches!(
            ShareUrl::parse("atlas.langson.gov.vn"),
            Err(ShareUrlError::NotUrl(..))
        ));
        assert!(matches!(
            ShareUrl::parse("ftp://example.org/atlas"),
            Err(ShareUrlError::Scheme(_, s)) if s == "ftp"
        ));
        assert!(matches!(
            ShareUrl::parse("file:///home/atlas/index.html"),
            Err(ShareUrlError::Scheme(..))
        ));
        assert!(matches!(
            ShareUrl::parse("https://example.org/a b"),
            Err(ShareUrlError::Space(_))
        ));
        for fragment in ["https://example.org/#f=huu_nghi", "https://example.org/#"] {
            let refused = ShareUrl::parse(fragment);
            assert!(
                matches!(refused, Err(ShareUrlError::Fragment(_))),
                "{fragment}: {refused:?}"
            );
            let words = refused.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(words.contains("without it"), "{words}");
            let vi = ShareUrl::parse(fragment)
                .err()
                .map(|e| e.words(Lang::Vi))
                .unwrap_or_default();
            assert!(vi.contains("hãy bỏ nó đi"), "{vi}");
        }
    }
}
