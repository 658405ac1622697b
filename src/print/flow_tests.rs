//! Tests of `src/print/flow.rs`.
use super::*;

#[test]
fn text_longer_than_a_page_continues_on_the_next_without_loss() {
    let Ok(fonts) = Fonts::new() else {
        panic!("fonts");
    };
    let next = Continuation {
        paper: (595.0, 842.0),
        margin: 36.0,
        title: "Lạng Sơn (tiếp)".into(),
    };
    let mut flow = Flow::new(
        &fonts,
        Page::default(),
        vec![Rect::new(36.0, 600.0, 250.0, 100.0)],
        next,
    );
    let word = "Đồng";
    let text = vec![word; 400].join(" ");
    let span = Span {
        text: text.clone(),
        face: Face::Regular,
        size: 9.0,
        color: Rgb::BLACK,
    };
    flow.para(&[span], 0.0);
    assert!(flow.pages.len() >= 2, "{}", flow.pages.len());
    let words: usize = flow
        .pages
        .iter()
        .flat_map(|p| p.texts())
        .filter(|t| !t.contains("tiếp"))
        .map(|t| t.matches(word).count())
        .sum();
    assert_eq!(words, 400);
}

/// Each sample poured into a column of `width`, as spans in two faces and sizes.
fn poured<'f>(fonts: &'f Fonts, text: &str, width: f32) -> Flow<'f> {
    let next = Continuation {
        paper: (595.0, 842.0),
        margin: 36.0,
        title: "Lạng Sơn (tiếp)".into(),
    };
    // Tall enough for every sample: the lines measured are all in this column.
    let column = Rect::new(36.0, 40.0, width, 1.0e6);
    let mut flow = Flow::new(fonts, Page::default(), vec![column], next);
    let span = |text: &str, face, size| Span {
        text: text.to_owned(),
        face,
        size,
        color: Rgb::BLACK,
    };
    flow.para(
        &[
            span("[3] ", Face::Bold, 7.5),
            span(text, Face::Regular, 9.0),
            span(" Nguồn:", Face::Bold, 9.0),
            span(" ", Face::Regular, 9.0),
            span(text, Face::Regular, 9.0),
        ],
        8.0,
    );
    flow
}

#[test]
fn no_line_poured_into_a_column_is_wider_than_the_column_as_drawn() {
    let Ok(fonts) = Fonts::new() else {
        panic!("fonts");
    };
    for text in crate::print::text::tests::SAMPLES {
        for width in [40.0, 90.0, 160.0, 250.0] {
            let flow = poured(&fonts, text, width);
            assert_eq!(flow.pages.len(), 1);
            let mut right = 0.0f32;
            let mut letters = String::new();
            for op in flow.pages.iter().flat_map(|p| &p.ops) {
                let crate::print::page::Op::Text { at, span } = op else {
                    continue;
                };
                if span.text.contains("tiếp") {
                    continue;
                }
                let drawn = crate::print::text::tests::drawn_width(
                    &fonts, span.face, span.size, &span.text,
                );
                // Where the layout put the span is where the previous one ended, drawn.
                let measured = fonts.width(span.face, span.size, &span.text);
                assert!((measured - drawn).abs() < 1e-3, "{span:?}");
                right = right.max(at[0] + drawn - 36.0);
                letters.extend(span.text.chars().filter(|c| !c.is_whitespace()));
            }
            assert!(right <= width + 1e-3, "{text} at {width}: {right}");
            let given: String = format!("[3]{text}Nguồn:{text}")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert_eq!(letters, given, "nothing lost at {width}");
        }
    }
}

#[test]
fn a_word_cut_at_a_column_s_foot_keeps_its_head_on_the_next() {
    let Ok(fonts) = Fonts::new() else {
        panic!("fonts");
    };
    let next = Continuation {
        paper: (595.0, 842.0),
        margin: 36.0,
        title: "Lạng Sơn (tiếp)".into(),
    };
    // A column one line high: the URL's first piece does not fit under the first line.
    let url = crate::print::text::tests::SAMPLES[3];
    let mut flow = Flow::new(
        &fonts,
        Page::default(),
        vec![Rect::new(36.0, 600.0, 30.0, 14.0)],
        next,
    );
    let span = Span {
        text: format!("Đồng {url}"),
        face: Face::Regular,
        size: 9.0,
        color: Rgb::BLACK,
    };
    flow.para(&[span], 0.0);
    let drawn: String = flow
        .pages
        .iter()
        .flat_map(|p| p.texts())
        .filter(|t| !t.contains("tiếp"))
        .collect::<Vec<_>>()
        .join(" ");
    let drawn: String = drawn.split_whitespace().collect();
    assert_eq!(drawn, format!("Đồng{url}"));
}
