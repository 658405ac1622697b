//! Numbers as readers read them, in one place: the group and decimal marks of the reader's
//! language (1.156,77 in Vietnamese, 1,156.77 in English), and the plain form data values
//! take in tables and legends. Every panel, caption, chart, measurement and export writes
//! its numbers through here.

use super::Lang;

/// How many decimals a number shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decimals {
    /// At most this many, trailing zeros dropped: 1.156,77 and 24.
    UpTo(usize),
    /// Exactly this many: 14,73 km and 0,50 km.
    Exactly(usize),
}

/// `value` with the reader's group and decimal marks.
pub fn localised(value: f64, decimals: Decimals, lang: Lang) -> String {
    let (group, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let places = match decimals {
        Decimals::UpTo(n) | Decimals::Exactly(n) => n,
    };
    let fixed = format!("{:.places$}", value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = match decimals {
        Decimals::UpTo(_) => fraction.trim_end_matches('0'),
        Decimals::Exactly(_) => fraction,
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    let zero = out.chars().all(|c| c == '0' || c == group || c == decimal);
    if value < 0.0 && !zero {
        out.insert(0, '-');
    }
    out
}

/// A data value as a table or legend shows it: a dot for decimals, no grouping (it must
/// read back as the same number), at most `decimals` of them, trailing zeros dropped.
pub fn plain(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_groups_and_marks_its_own_way() {
        assert_eq!(localised(1156.77, Decimals::UpTo(2), Lang::Vi), "1.156,77");
        assert_eq!(localised(1156.77, Decimals::UpTo(2), Lang::En), "1,156.77");
        assert_eq!(localised(40000.0, Decimals::UpTo(2), Lang::Vi), "40.000");
        assert_eq!(localised(14.7, Decimals::Exactly(2), Lang::Vi), "14,70");
        assert_eq!(localised(-2.5, Decimals::UpTo(2), Lang::En), "-2.5");
        assert_eq!(localised(-0.001, Decimals::UpTo(2), Lang::En), "0");
        assert_eq!(localised(999.999, Decimals::UpTo(2), Lang::En), "1,000");
    }

    #[test]
    fn plain_values_read_back_as_the_same_number() {
        assert_eq!(plain(10.5, 6), "10.5");
        assert_eq!(plain(3.0, 3), "3");
        assert_eq!(plain(1234567.0, 6), "1234567");
        assert_eq!(plain(0.1234567, 3), "0.123");
    }
}
