//! Figures as captions and facts write them: the numbers of a text read as Vietnamese and
//! English write them, the numbers that are part of a name left out (Hồ Sơn 1, QL4A,
//! Quyết định 236/QĐ-TTg), and a caption's figures that its cited facts do not give.

use crate::atlas::{Atlas, FactId};

/// The numbers a text holds, as digit strings with their decimal part (`1.000` and `1,000`
/// read as thousands: digits only; `2,5` and `2.5` as a decimal).
pub fn figures(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    numbers(&chars)
        .into_iter()
        .map(|(_, token, _)| normalise_figure(&token))
        .collect()
}

/// Every number of `chars`: where it starts, its characters, where it ends.
fn numbers(chars: &[char]) -> Vec<(usize, String, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let (token, end) = number_at(chars, i);
        out.push((i, token, end));
        i = end;
    }
    out
}

/// The number that begins at `chars[start]`: digits, with a `.` or `,` between two of them;
/// and where it ends.
fn number_at(chars: &[char], start: usize) -> (String, usize) {
    let mut token = String::new();
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        let joins = (c == '.' || c == ',')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && !token.is_empty();
        if !(c.is_ascii_digit() || joins) {
            break;
        }
        token.push(c);
        i += 1;
    }
    (token, i)
}

/// `1.000` and `1,000` (groups of three) → `1000`; `2,5` → `2.5`.
fn normalise_figure(token: &str) -> String {
    let groups: Vec<&str> = token.split(['.', ',']).collect();
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        return groups.concat();
    }
    token.replace(',', ".")
}

/// The figures of `captions` that none of the `facts` holds, in its quote or its own words.
/// Numbers that belong to a name are no figures (see [`prose_figures`]).
pub fn not_cited(captions: &[&str], facts: &[FactId], atlas: &Atlas) -> Vec<String> {
    let stated: std::collections::BTreeSet<String> = facts
        .iter()
        .filter_map(|f| atlas.facts.get(f))
        .flat_map(|f| [f.quote.as_str(), f.vi.as_str(), f.en.as_str()])
        .flat_map(figures)
        .collect();
    // A number in a place's name ("Cụm công nghiệp Hồ Sơn 1") is no figure, whole or
    // without the kind's words in front.
    let mut numbered_names: Vec<String> = atlas
        .features()
        .iter()
        .flat_map(|f| [&f.props.name_vi, &f.props.name_en])
        .filter(|n| n.chars().any(|c| c.is_ascii_digit()))
        .map(|n| n.to_lowercase())
        .collect();
    // Longest first, so a whole name goes before the part of it that another name is.
    numbered_names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let without_names = |caption: &str| {
        numbered_names.iter().fold(caption.to_owned(), |c, name| {
            replace_caseless(&c, name, " ")
        })
    };
    let mut missing: Vec<String> = captions
        .iter()
        .flat_map(|c| prose_figures(&without_names(c)))
        .filter(|f| !stated.contains(f))
        .collect();
    missing.sort();
    missing.dedup();
    missing
}

/// `text` with every case-insensitive occurrence of `lower` (already lower case) replaced.
fn replace_caseless(text: &str, lower: &str, with: &str) -> String {
    let folded = text.to_lowercase();
    // Lower-casing Vietnamese keeps each character's byte length only for most letters;
    // when it does not, fall back to the lower-cased text.
    if folded.len() != text.len() {
        return folded.replace(lower, with);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (at, _) in folded.match_indices(lower) {
        if at < rest {
            continue;
        }
        out.push_str(&text[rest..at]);
        out.push_str(with);
        rest = at + lower.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// Words after which a number names a document or a thing (Quyết định 236, Nghị quyết 16,
/// số 5, Resolution 16), lower case.
const NAMING_WORDS: [&str; 14] = [
    "quyết định",
    "nghị quyết",
    "nghị định",
    "thông tư",
    "chỉ thị",
    "kết luận",
    "công văn",
    "số",
    "resolution",
    "decision",
    "decree",
    "no.",
    "circular",
    "directive",
];

/// The figures of running text: [`figures`], less the numbers that are part of a name: a
/// number joined to letters (QL4A, QL1A), a document's number (236/QĐ-TTg), a number after a
/// document's word (Nghị quyết 16), and a small number after a capitalised word that does
/// not begin a sentence (Hồ Sơn 1, Khánh Khê 2).
pub fn prose_figures(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    // The end of a document's number (236/QĐ-TTg): the numbers before it are part of it.
    let mut skip_to = 0;
    for (start, token, end) in numbers(&chars) {
        if start < skip_to {
            continue;
        }
        let before = start.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(end).copied();
        let joined_to_letters =
            before.is_some_and(char::is_alphabetic) || after.is_some_and(char::is_alphabetic);
        // 236/QĐ-TTg, 16/2021/NQ-HĐND: the run up to the next space holds letters.
        let run_end = end
            + chars[end..]
                .iter()
                .take_while(|c| !c.is_whitespace())
                .count();
        let document_number =
            after == Some('/') && chars[end..run_end].iter().any(|c| c.is_alphabetic());
        if document_number {
            skip_to = run_end;
        }
        if joined_to_letters || document_number || named_by_words_before(&chars[..start], &token) {
            continue;
        }
        out.push(normalise_figure(&token));
    }
    out
}

/// Whether the words just before a number make it part of a name.
fn named_by_words_before(before: &[char], token: &str) -> bool {
    let text: String = before.iter().collect();
    let trimmed = text.trim_end();
    if trimmed.len() == text.len() {
        // Not separated by a space ("(1" or "-1"): a figure as any other.
        return false;
    }
    let lower = trimmed.to_lowercase();
    if NAMING_WORDS
        .iter()
        .any(|w| lower.ends_with(w) && word_starts(&lower, lower.len() - w.len()))
    {
        return true;
    }
    // Hồ Sơn 1: a capitalised word right before a small number, where that word does not
    // begin the sentence.
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let capitalised = last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().all(char::is_alphabetic);
    let sentence_start = words.len() < 2
        || words[words.len() - 2]
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | '–' | '—'));
    capitalised && !sentence_start && token.len() <= 2 && token.chars().all(|c| c.is_ascii_digit())
}

/// Whether byte `at` of `text` begins a word.
fn word_starts(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .last()
        .is_none_or(|c| !c.is_alphanumeric())
}
