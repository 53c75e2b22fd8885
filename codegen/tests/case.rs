//! `apigen::case` splits and converts words exactly as heck 0.5 does: the
//! names of every generated crate depend on it.

use apigen::case;
use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Pieces names are made of: cases, digits, acronyms, separators, and
/// non-ASCII letters (a final capital sigma lowercases differently).
const PIECES: &[&str] = &[
    "a", "B", "get", "HTTP", "Server", "id", "ID", "v2", "2", "_", "-", " ", ".", "/", "$", "ΣΑΣ",
    "Σ", "straße", "Émile", "ǅ", "x", "Y", "URL", "s3", "IPv6", "", "__", "9lives",
];

/// A small deterministic generator (xorshift), so a failure reproduces.
fn strings(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 6) as usize;
            (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn every_conversion_matches_heck() {
    let mut samples = strings(20_000);
    samples.extend(
        [
            "DescribeRepositoriesInput",
            "XMLHttpRequest",
            "in-stock",
            "ABCDef",
            "aB",
            "Ab",
            "fooBAR",
            "FOO_bar_Baz",
            "v1.2.3",
            "___",
        ]
        .map(String::from),
    );
    let mut checked = 0;
    for s in &samples {
        assert_eq!(
            case::upper_camel(s),
            s.to_upper_camel_case(),
            "upper camel of {s:?}"
        );
        assert_eq!(
            case::lower_camel(s),
            s.to_lower_camel_case(),
            "lower camel of {s:?}"
        );
        assert_eq!(case::snake(s), s.to_snake_case(), "snake of {s:?}");
        assert_eq!(
            case::shouty_snake(s),
            s.to_shouty_snake_case(),
            "shouty snake of {s:?}"
        );
        checked += 1;
    }
    // Guards against a generator that yields nothing worth comparing.
    assert!(checked > 20_000);
    assert!(samples
        .iter()
        .any(|s| s.contains('Σ') && case::snake(s).contains('ς')));
    assert_eq!(case::upper_camel("HTTPServer_id"), "HttpServerId");
}
