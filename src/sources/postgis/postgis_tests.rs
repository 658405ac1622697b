//! Tests of `src/atlas/io/postgis/mod.rs`.
use super::*;

#[test]
fn a_name_with_quotes_and_a_semicolon_stays_a_name() {
    assert_eq!(
        ident("a\"; DROP TABLE x; --"),
        "\"a\"\"; DROP TABLE x; --\""
    );
}
