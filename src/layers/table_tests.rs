//! Tests of `src/layers/table.rs`.
use super::*;
use crate::sources::{Crs, Field, FieldKind, Format, UserFeature, Value};

/// A table of a name, a count and a date, one row per tuple.
fn layer(rows: &[(&str, i64, &str)]) -> UserLayer {
    let field = |name: &str, kind| Field {
        name: name.to_owned(),
        kind,
    };
    UserLayer {
        path: "bang.csv".to_owned(),
        format: Format::Csv,
        crs: Crs::Wgs84,
        fields: vec![
            field("ten", FieldKind::Text),
            field("so", FieldKind::Integer),
            field("ngay", FieldKind::Date),
        ],
        features: rows
            .iter()
            .map(|(name, n, date)| UserFeature {
                geometry: None,
                values: vec![
                    Value::Text((*name).to_owned()),
                    Value::Integer(*n),
                    Value::date(date).unwrap_or(Value::Null),
                ],
            })
            .collect(),
        skipped: 0,
        warnings: Vec::new(),
    }
}

fn shown(layer: &UserLayer, field: usize, filter: Filter) -> Vec<usize> {
    let mut view = TableView::new(layer.fields.len());
    view.filters[field] = Some(filter);
    view.rows(layer)
}

#[test]
fn column_filters_keep_equal_containing_and_in_range_rows() {
    let l = layer(&[
        ("Đồng Đăng", 5, "2023-12-31"),
        ("Hữu Lũng", 12, "2024-01-01"),
        ("đồng mỏ", 40, "2024-06-15T09:00:00"),
        ("Lộc Bình", 7, "2025-07-01"),
    ]);
    // Equals and contains ignore case and tone marks, as search does.
    assert_eq!(shown(&l, 0, Filter::Equals("dong dang".into())), [0]);
    assert_eq!(shown(&l, 0, Filter::Contains("ĐỒNG".into())), [0, 2]);
    // A numeric range is inclusive, open where a bound is empty, and takes a comma.
    assert_eq!(
        shown(&l, 1, Filter::Range("7".into(), "12,0".into())),
        [1, 3]
    );
    assert_eq!(shown(&l, 1, Filter::Range(String::new(), "6".into())), [0]);
    // A bound that is not a number keeps nothing, rather than everything.
    assert!(shown(&l, 1, Filter::Range("bảy".into(), String::new())).is_empty());
    // Dates: a year covers the whole year; Vietnamese day/month/year is read too.
    assert_eq!(
        shown(&l, 2, Filter::Range("2024".into(), "2024".into())),
        [1, 2]
    );
    assert_eq!(
        shown(
            &l,
            2,
            Filter::Range("15/06/2024".into(), "01/07/2025".into())
        ),
        [2, 3]
    );
    assert_eq!(
        shown(&l, 2, Filter::Range("2024-06".into(), String::new())),
        [2, 3]
    );
    assert!(shown(&l, 2, Filter::Range("31/02/2024".into(), String::new())).is_empty());
}

#[test]
fn text_sorts_in_vietnamese_order_both_ways() {
    let l = layer(&[
        ("Đình Lập", 1, "2025-01-02"),
        ("Hữu Lũng", 2, "2023-12-31"),
        ("Bình Gia", 3, "2024-06-15"),
        ("Dương", 4, "2024-06-15"),
        ("Bắc Sơn", 5, "2024-06-15"),
        ("Chi Lăng", 6, "2024-06-15"),
    ]);
    let mut view = TableView::new(3);
    view.toggle_sort(0);
    // Bắc, Bình, Chi, Dương, Đình, Hữu: đ after d, ă before i.
    assert_eq!(view.rows(&l), [4, 2, 5, 3, 0, 1]);
    view.toggle_sort(0);
    assert_eq!(view.rows(&l), [1, 0, 3, 5, 2, 4]);
}

#[test]
fn numbers_sort_by_value_not_as_text() {
    let l = layer(&[("a", 10, ""), ("b", 9, ""), ("c", -2, "")]);
    let mut view = TableView::new(3);
    view.toggle_sort(1);
    assert_eq!(view.rows(&l), [2, 1, 0]);
}

#[test]
fn dates_sort_in_time_order() {
    let l = layer(&[
        ("c", 1, "2025-01-02"),
        ("a", 2, "2023-12-31"),
        ("b", 3, "2024-06-15"),
    ]);
    let mut view = TableView::new(3);
    view.toggle_sort(2);
    assert_eq!(view.rows(&l), [1, 2, 0]);
}
