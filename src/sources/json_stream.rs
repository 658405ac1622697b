//! A GeoJSON document read as a stream of features without ever holding the file: the
//! top-level object's members are visited in order, and each element of its `features`
//! array is handed over as its own JSON value as soon as it is read. A feature that is not
//! a valid GeoJSON feature is then the caller's to skip; only broken JSON syntax ends the
//! stream, since nothing after it can be trusted to be where it seems.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::Read;
use std::ops::ControlFlow;

/// What the top-level object says of itself besides its features: enough to read a lone
/// Feature or a bare Geometry as a layer of one.
#[derive(Debug, Default)]
pub struct Outline {
    /// The `type` member, when it is a string.
    pub kind: Option<String>,
    /// `geometry`, `properties`, `id`, `coordinates` and `geometries`, as given.
    pub members: serde_json::Map<String, serde_json::Value>,
    /// Whether a `features` member was there (an empty array counts).
    pub has_features: bool,
    /// How many elements the `features` array had, valid or not.
    pub features_seen: usize,
}

#[derive(Debug)]
pub enum StreamError {
    /// The visitor asked to stop (the load was cancelled).
    Stopped,
    /// The bytes are not JSON from `features_seen` on; what came before was handed over.
    Syntax {
        message: String,
        features_seen: usize,
    },
}

/// Walks the document, calling `on_feature(n, value)` for the n-th (from 1) element of the
/// `features` array. Members other than the few kept in [`Outline`] are skipped unread.
pub fn each_feature(
    reader: impl Read,
    on_feature: &mut dyn FnMut(usize, serde_json::Value) -> ControlFlow<()>,
) -> Result<Outline, StreamError> {
    let mut walker = Walker {
        on_feature,
        stopped: false,
        seen: 0,
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = de::Deserializer::deserialize_map(&mut de, &mut walker).and_then(|outline| {
        de.end()?;
        Ok(outline)
    });
    match result {
        Ok(outline) => Ok(outline),
        Err(_) if walker.stopped => Err(StreamError::Stopped),
        Err(e) => Err(StreamError::Syntax {
            message: e.to_string(),
            features_seen: walker.seen,
        }),
    }
}

struct Walker<'f> {
    on_feature: &'f mut dyn FnMut(usize, serde_json::Value) -> ControlFlow<()>,
    stopped: bool,
    seen: usize,
}

/// The members of a lone Feature or Geometry that are worth keeping.
const KEPT: [&str; 5] = ["geometry", "properties", "id", "coordinates", "geometries"];

impl<'de> Visitor<'de> for &mut Walker<'_> {
    type Value = Outline;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outline, A::Error> {
        let mut outline = Outline::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "features" => {
                    outline.has_features = true;
                    map.next_value_seed(Features(&mut *self))?;
                    outline.features_seen = self.seen;
                }
                "type" => {
                    if let serde_json::Value::String(kind) = map.next_value()? {
                        outline.kind = Some(kind);
                    }
                }
                k if KEPT.contains(&k) => {
                    let value = map.next_value()?;
                    outline.members.insert(key, value);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(outline)
    }
}

struct Features<'w, 'f>(&'w mut Walker<'f>);

impl<'de> DeserializeSeed<'de> for Features<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Features<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            self.0.seen += 1;
            if (self.0.on_feature)(self.0.seen, value).is_break() {
                self.0.stopped = true;
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str) -> (Result<Outline, StreamError>, Vec<serde_json::Value>) {
        let mut got = Vec::new();
        let result = each_feature(text.as_bytes(), &mut |_, v| {
            got.push(v);
            ControlFlow::Continue(())
        });
        (result, got)
    }

    #[test]
    fn every_element_of_the_features_array_is_handed_over_whatever_it_holds() {
        let (outline, got) = collect(
            r#"{"type":"FeatureCollection","name":"x","features":[{"type":"Feature"},7,"x",{"a":[1,2]}],"bbox":[1,2,3,4]}"#,
        );
        let outline = outline.expect("valid JSON");
        assert_eq!(got.len(), 4);
        assert_eq!(outline.kind.as_deref(), Some("FeatureCollection"));
        assert!(outline.has_features);
    }

    #[test]
    fn an_empty_collection_is_a_collection_of_none() {
        let (outline, got) = collect(r#"{"type":"FeatureCollection","features":[]}"#);
        assert!(outline.expect("valid").has_features);
        assert!(got.is_empty());
    }

    #[test]
    fn broken_syntax_ends_the_stream_after_what_was_read() {
        let (result, got) = collect(r#"{"features":[{"a":1},{"b":2},{"c":"#);
        assert_eq!(got.len(), 2);
        assert!(matches!(
            result,
            Err(StreamError::Syntax {
                features_seen: 2,
                ..
            })
        ));
    }

    #[test]
    fn the_visitor_can_stop_the_walk() {
        let result = each_feature(r#"{"features":[1,2,3]}"#.as_bytes(), &mut |n, _| {
            if n == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert!(matches!(result, Err(StreamError::Stopped)));
    }
}
