//! Names in Vietnamese alphabetical order: a ă â b c d đ e ê … with a letter's tones after
//! it, as a Vietnamese reader looks a name up, not by code point (which puts “Đình Lập”
//! after every other name and “Bắc Sơn” after “Bình Gia”). ICU4X's collator, with CLDR's
//! Vietnamese tailoring compiled in, knows the order; no table is written here.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};

/// Built once for the process: the first sort pays for it, every later one borrows it.
static VIETNAMESE: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(vietnamese);

fn vietnamese() -> Option<CollatorBorrowed<'static>> {
    // icu_collator takes its locale from icu_locale_core without re-exporting the type;
    // `from_locale_strict`'s argument names it, so "vi" is parsed into it unnamed.
    let locale = "vi".parse().ok()?;
    let prefs = CollatorPreferences::from_locale_strict(&locale).ok()?;
    CollatorBorrowed::try_new(prefs, CollatorOptions::default()).ok()
}

/// `a` against `b` in Vietnamese order. A total order: texts the collator holds equal
/// (the same name composed and decomposed) are ordered by code point, so sorting never
/// depends on the order things arrived in. Should the collator ever fail to build, every
/// comparison is by code point: names out of order, but never a panic.
pub fn compare(a: &str, b: &str) -> Ordering {
    compare_with(VIETNAMESE.as_ref(), a, b)
}

fn compare_with(collator: Option<&CollatorBorrowed<'_>>, a: &str, b: &str) -> Ordering {
    collator
        .map_or(Ordering::Equal, |c| c.compare(a, b))
        .then_with(|| a.cmp(b))
}

/// Sorts `items` by the name `name` gives each, in Vietnamese order (stable: items with
/// the same name keep their order).
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(name(a), name(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `names` are already in Vietnamese order, each strictly before the next.
    fn in_order(names: &[&str]) {
        for pair in names.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]),
                Ordering::Less,
                "{:?} comes before {:?}",
                pair[0],
                pair[1]
            );
            assert_eq!(compare(pair[1], pair[0]), Ordering::Greater);
        }
    }

    #[test]
    fn the_collator_is_built() {
        assert!(
            VIETNAMESE.is_some(),
            "ICU4X's Vietnamese data is compiled in"
        );
    }

    #[test]
    fn the_districts_sort_as_a_vietnamese_reader_expects() {
        // By code point "Bình" (i, U+0069) comes before "Bắc" (ắ, U+1EAF), and "Đ" (U+0110)
        // after every Latin letter.
        in_order(&[
            "Bắc Sơn",
            "Bình Gia",
            "Cao Lộc",
            "Chi Lăng",
            "Đình Lập",
            "Hữu Lũng",
        ]);
    }

    #[test]
    fn a_breve_and_a_circumflex_are_letters_after_a() {
        in_order(&["a", "ă", "â", "b"]);
        in_order(&["an", "ăn", "ân", "bn"]);
        in_order(&["e", "ê", "g"]);
        in_order(&["o", "ô", "ơ", "p"]);
        in_order(&["u", "ư", "v"]);
    }

    #[test]
    fn d_with_stroke_is_a_letter_between_d_and_e() {
        // ư is a letter after u, so “Duy” comes before “Dương”.
        in_order(&["Duy", "Dương", "Đa", "Đình Lập", "Đồng Đăng", "Ea", "Em"]);
        in_order(&["dz", "đa", "e"]);
    }

    #[test]
    fn tones_follow_the_toneless_letter_and_never_outweigh_a_later_letter() {
        // CLDR's Vietnamese order of the tones: level, grave, hook, tilde, acute, dot.
        in_order(&["Ma", "Mà", "Mả", "Mã", "Má", "Mạ", "Mb"]);
        in_order(&["ma", "mà", "mă", "mb"]);
    }

    #[test]
    fn case_only_breaks_ties() {
        in_order(&["bắc sơn", "Bắc Sơn", "bình gia"]);
    }

    #[test]
    fn a_decomposed_name_sorts_beside_its_composed_form() {
        let composed = "Hữu Lũng";
        let decomposed = "Hu\u{31b}\u{300}u Lu\u{303}ng";
        // Two different strings, so not equal, but nothing falls between them.
        assert_ne!(compare(composed, decomposed), Ordering::Equal);
        in_order(&["Hữu", decomposed, "Hữu M"]);
        in_order(&["Hữu", composed, "Hữu M"]);
    }

    #[test]
    fn without_a_collator_names_are_in_code_point_order() {
        assert_eq!(compare_with(None, "Đình", "Hữu"), Ordering::Greater);
        assert_eq!(compare_with(None, "Bắc", "Bình"), Ordering::Greater);
    }

    #[test]
    fn sort_by_name_puts_records_in_vietnamese_order() {
        let mut districts = [
            (3, "Đình Lập"),
            (1, "Bình Gia"),
            (2, "Bắc Sơn"),
            (4, "Chi Lăng"),
        ];
        sort_by_name(&mut districts, |d| d.1);
        assert_eq!(districts.map(|d| d.0), [2, 1, 4, 3]);
    }
}
