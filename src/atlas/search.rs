//! Finding features and communes by name, with or without Vietnamese diacritics.

use super::Atlas;
use super::kind::FeatureId;

/// Lowercases and strips Vietnamese diacritics, so that "huu lung" finds "Hữu Lũng",
/// whether the text came composed (NFC) or decomposed (NFD, as Unikey's "Unicode tổ hợp"
/// and macOS write it): the text is decomposed, its combining marks dropped, and đ, which
/// is a letter of its own rather than d with a mark, mapped to d. Dashes fold to '-'.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    text.nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'đ' => 'd',
            '–' | '—' => '-',
            c => c,
        })
        .collect()
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    Feature(FeatureId),
    /// A commune of the gazetteer (before the 2025 reform), by its position in
    /// [`Atlas::communes`].
    Commune(usize),
    /// A commune or ward since 1 July 2025, by its position in [`Atlas::units_2025`].
    Unit2025(usize),
}

/// Features first (their Vietnamese or English name contains the query), then the 2025
/// communes and wards, then the earlier communes.
/// Names that start with the query rank before names that merely contain it; names that
/// rank alike are in Vietnamese order.
pub fn search(atlas: &Atlas, query: &str, limit: usize) -> Vec<Hit> {
    let query = fold(query.trim());
    if query.is_empty() {
        return Vec::new();
    }
    let rank = |name: &str| {
        let folded = fold(name);
        if folded.starts_with(&query) {
            Some(0)
        } else if folded.contains(&query) {
            Some(1)
        } else {
            None
        }
    };
    let mut features: Vec<(u8, &str, Hit)> = atlas
        .features()
        .iter()
        .filter_map(|f| {
            let r = [rank(&f.props.name_vi), rank(&f.props.name_en)]
                .into_iter()
                .flatten()
                .min()?;
            Some((r, f.props.name_vi.as_str(), Hit::Feature(f.id().clone())))
        })
        .collect();
    by_rank_then_name(&mut features);
    let mut communes: Vec<(u8, &str, Hit)> = atlas
        .communes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((rank(&c.name)?, c.name.as_str(), Hit::Commune(i))))
        .collect();
    by_rank_then_name(&mut communes);
    let mut units: Vec<(u8, &str, Hit)> = atlas
        .units_2025
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((rank(&u.name)?, u.name.as_str(), Hit::Unit2025(i))))
        .collect();
    by_rank_then_name(&mut units);
    features
        .into_iter()
        .chain(units)
        .chain(communes)
        .map(|(_, _, hit)| hit)
        .take(limit)
        .collect()
}

/// Better matches first; within a rank, names in Vietnamese order (features by their
/// Vietnamese name).
fn by_rank_then_name(hits: &mut [(u8, &str, Hit)]) {
    hits.sort_by(|(ra, a, _), (rb, b, _)| ra.cmp(rb).then_with(|| super::collate::compare(a, b)));
}

#[cfg(test)]
mod tests {
    use super::{Hit, fold, search};
    use crate::atlas::Atlas;

    #[test]
    fn folding_removes_vietnamese_diacritics() {
        assert_eq!(fold("Hữu Lũng"), "huu lung");
        assert_eq!(fold("Đình Lập"), "dinh lap");
        assert_eq!(fold("Thành phố Lạng Sơn"), "thanh pho lang son");
        assert_eq!(fold("ĐỒNG ĐĂNG – Ải"), "dong dang - ai");
        // The same words decomposed: "Hữu Lũng" with its marks as separate code points.
        let decomposed = "Hu\u{31b}\u{300}u Lu\u{303}ng";
        assert_eq!(fold(decomposed), "huu lung");
    }

    #[test]
    fn names_that_match_alike_are_in_vietnamese_order() {
        let atlas = Atlas::embedded().expect("the embedded geodata loads");
        // Every 2025 commune starts with "Xã", so all of them rank alike.
        let names: Vec<&str> = search(&atlas, "xa", 200)
            .into_iter()
            .filter_map(|hit| match hit {
                Hit::Unit2025(i) => Some(atlas.units_2025[i].name.as_str()),
                Hit::Feature(_) | Hit::Commune(_) => None,
            })
            .collect();
        let at = |name: &str| {
            names
                .iter()
                .position(|n| *n == name)
                .unwrap_or_else(|| panic!("{name} is found: {names:?}"))
        };
        assert!(at("Xã Bắc Sơn") < at("Xã Bình Gia"), "{names:?}");
        assert!(at("Xã Đồng Đăng") < at("Xã Hữu Lũng"), "{names:?}");
    }
}
