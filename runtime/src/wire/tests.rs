use super::*;

fn encode<T: Encode + ?Sized>(value: &T) -> String {
    String::from_utf8(to_json_body(value).unwrap()).unwrap()
}

#[test]
fn strings_with_every_escape_round_trip() {
    let cases = [
        "",
        "plain ascii that is longer than eight bytes",
        "quote \" backslash \\ slash /",
        "controls \u{0} \u{1f} \n \r \t \u{8} \u{c}",
        "unicode é ✓ 😀 at the end 😀",
        "0123456\"",
        "01234567\\",
    ];
    for case in cases {
        let json = encode(case);
        assert_eq!(from_json_str::<String>(&json).unwrap(), case, "{json}");
        // serde_json reads our text back to the same string.
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), case);
    }
    assert_eq!(
        from_json_str::<String>(r#""\u00e9\ud83d\ude00\/\b\f""#).unwrap(),
        "é😀/\u{8}\u{c}"
    );
}

#[test]
fn strings_agree_with_serde_json_on_generated_text() {
    // Every position of each special byte inside and across the 8-byte
    // chunks the scanner reads.
    let specials = ["\"", "\\", "\n", "\u{1}", "é", "\u{7f}"];
    for len in 0..20 {
        for special in specials {
            for at in 0..=len {
                let mut s: String = "abcdefghijklmnopqrstuvwxyz"[..len].to_string();
                s.insert_str(at, special);
                let json = serde_json::to_string(&s).unwrap();
                assert_eq!(from_json_str::<String>(&json).unwrap(), s, "{json}");
                assert_eq!(encode(&s), json, "{s:?}");
            }
        }
    }
}

#[test]
fn keys_borrow_unless_escaped() {
    let mut r = Reader::new(r#"{"plain":1,"esc\"aped":2}"#);
    let mut o = r.object().unwrap();
    let k = o.next(&mut r).unwrap().unwrap();
    assert!(matches!(k, std::borrow::Cow::Borrowed("plain")));
    assert_eq!(r.decode::<i32>().unwrap(), 1);
    let k = o.next(&mut r).unwrap().unwrap();
    assert!(matches!(k, std::borrow::Cow::Owned(ref s) if s == "esc\"aped"));
    assert_eq!(r.decode::<i32>().unwrap(), 2);
    assert!(o.next(&mut r).unwrap().is_none());
    r.finish().unwrap();
}

#[test]
fn numbers() {
    assert_eq!(from_json_str::<i32>("-2147483648").unwrap(), i32::MIN);
    assert_eq!(from_json_str::<i64>(" 42 ").unwrap(), 42);
    assert_eq!(from_json_str::<f64>("1.5e3").unwrap(), 1500.0);
    assert_eq!(from_json_str::<f64>("-0.25").unwrap(), -0.25);
    assert!(from_json_str::<f64>("\"NaN\"").unwrap().is_nan());
    assert_eq!(
        from_json_str::<f64>("\"-Infinity\"").unwrap(),
        f64::NEG_INFINITY
    );
    assert_eq!(encode(&f64::INFINITY), "\"Infinity\"");
    assert_eq!(encode(&0.1f32), "0.1");
    assert_eq!(encode(&-7i64), "-7");
    assert_eq!(encode(&i64::MIN), "-9223372036854775808");
    let e = from_json_str::<i8>("300").unwrap_err();
    assert_eq!(e.to_string(), "300 is out of range for i8 at byte 3");
    let e = from_json_str::<i32>("1.5").unwrap_err();
    assert_eq!(
        (e.message(), e.offset()),
        ("expected an integer, found 1.5", 0)
    );
    assert_eq!(from_json_str::<i64>("-5").unwrap(), -5);
    assert_eq!(from_json_str::<i64>("0").unwrap(), 0);
    assert_eq!(
        from_json_str::<i64>("123456789012345678").unwrap(),
        123456789012345678
    );
    assert_eq!(
        from_json_str::<i64>("9223372036854775807").unwrap(),
        i64::MAX
    );
    assert!(from_json_str::<i64>("9223372036854775808").is_err());
    assert!(from_json_str::<i64>("007").is_err());
    assert!(from_json_str::<i64>("1e3").is_err());
    for bad in ["01", "-", "1.", "1e", ".5", "+1", "1.e3"] {
        assert!(from_json_str::<f64>(bad).is_err(), "{bad}");
    }
    let big: BigNumber = "123456789012345678901234567890".parse().unwrap();
    assert_eq!(encode(&big), "123456789012345678901234567890");
    assert!("12x".parse::<BigNumber>().is_err());
}

#[test]
fn epoch_seconds_are_exact() {
    for (json, secs, nanos) in [
        ("1700000000", 1_700_000_000, 0),
        ("1700000000.123", 1_700_000_000, 123_000_000),
        ("1700000000.123456789", 1_700_000_000, 123_456_789),
        ("1700000000.1234567891", 1_700_000_000, 123_456_789),
        ("-1.5", -2, 500_000_000),
        ("-2", -2, 0),
        ("1.7e9", 1_700_000_000, 0),
    ] {
        let t = from_json_str::<DateTime>(json).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (secs, nanos), "{json}");
    }
    assert!(from_json_str::<DateTime>("1.").is_err());
}

#[test]
fn malformed_bodies_are_located_errors() {
    let cases: &[(&str, &str, usize)] = &[
        (
            r#"{"a":1"#,
            "expected `,` or `}`, found the end of the body",
            6,
        ),
        (r#"{"a" 1}"#, "expected `:`, found `1`", 5),
        (r#"{"a":1,}"#, "expected a string, found `}`", 7),
        (r#"{"a":1 "b":2}"#, "expected `,` or `}`, found `\"`", 7),
        ("[1,2", "expected `,` or `]`, found the end of the body", 4),
        (r#"{"a":"x"#, "unterminated string", 7),
        ("{\"a\":\"\u{1}\"}", "control character in a string", 6),
        (r#"{"a":"\q"}"#, "invalid escape in a string", 7),
        (
            r#"{"a":"\ud800"}"#,
            "unpaired surrogate in a \\u escape",
            12,
        ),
        (r#"{"a":tru}"#, "expected true, found `t`", 5),
        ("{} x", "unexpected data after the value", 3),
    ];
    for (body, message, offset) in cases {
        let e = from_json_str::<Document>(body).unwrap_err();
        assert_eq!((e.message(), e.offset()), (*message, *offset), "{body}");
    }
    let e = from_json_slice::<Document>(b"{\"a\":\"\xff\"}").unwrap_err();
    assert_eq!((e.message(), e.offset()), ("the body is not UTF-8", 6));
}

#[test]
fn nesting_is_limited() {
    let deep = "[".repeat(200) + &"]".repeat(200);
    let e = from_json_str::<Document>(&deep).unwrap_err();
    assert_eq!(e.message(), "values nest deeper than 128 levels");
    let e = from_json_str::<crate::Document>(&format!("{{\"a\":{deep}}}")).unwrap_err();
    assert_eq!(e.offset(), 133);
    let fine = "[".repeat(100) + &"]".repeat(100);
    assert!(from_json_str::<Document>(&fine).is_ok());
    // Skipping an unknown member is limited the same way.
    let mut r = Reader::new(&deep);
    assert!(r.skip().is_err());
}

#[test]
fn skip_reads_any_value() {
    let body = r#"{"a":[1,{"b":"c\"d"},null,true,false,-1.5e2],"e":"x"}"#;
    let mut r = Reader::new(body);
    let mut o = r.object().unwrap();
    assert_eq!(o.next(&mut r).unwrap().as_deref(), Some("a"));
    r.skip().unwrap();
    assert_eq!(o.next(&mut r).unwrap().as_deref(), Some("e"));
    assert_eq!(r.decode::<String>().unwrap(), "x");
    assert!(o.next(&mut r).unwrap().is_none());
}

#[test]
fn documents_round_trip_and_agree_with_serde_json() {
    let body = r#"{"n":null,"b":true,"i":-3,"u":18446744073709551615,"f":2.5,"s":"x\ny","a":[1,"two",{"k":[]}],"o":{}}"#;
    let doc = from_json_str::<Document>(body).unwrap();
    let again = from_json_str::<Document>(&encode(&doc)).unwrap();
    assert_eq!(doc, again);
    let ours: serde_json::Value = serde_json::from_str(&encode(&doc)).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(
        doc.as_object().unwrap()["u"],
        Document::Number(Number::PosInt(u64::MAX))
    );
}

#[test]
fn collections_and_options() {
    let v: Vec<Option<i32>> = from_json_str("[1,null,3]").unwrap();
    assert_eq!(v, vec![Some(1), None, Some(3)]);
    assert_eq!(encode(&v), "[1,null,3]");
    let m: HashMap<String, Vec<String>> = from_json_str(r#"{"b":["x"],"a":[]}"#).unwrap();
    assert_eq!(m["b"], vec!["x".to_string()]);
    // Keys are written sorted, so equal maps give equal bodies.
    assert_eq!(encode(&m), r#"{"a":[],"b":["x"]}"#);
    assert_eq!(from_json_str::<Option<String>>("null").unwrap(), None);
    // An empty body reads as `{}`.
    assert!(from_json_str::<HashMap<String, i32>>("  ")
        .unwrap()
        .is_empty());
}

#[test]
fn objects_write_members_and_leave_out_none() {
    let mut w = Writer::new();
    let mut o = w.object();
    o.field("a", "x");
    o.opt::<i32>("skipped", &None);
    o.opt("b", &Some(2i32));
    o.timestamp(
        "t",
        Some(&DateTime::from_secs(0)),
        TimestampFormat::DateTime,
    );
    o.timestamp(
        "h",
        Some(&DateTime::from_secs(0)),
        TimestampFormat::HttpDate,
    );
    o.end();
    assert_eq!(
        String::from_utf8(w.finish().unwrap()).unwrap(),
        r#"{"a":"x","b":2,"t":"1970-01-01T00:00:00Z","h":"Thu, 01 Jan 1970 00:00:00 GMT"}"#
    );
    let mut w = Writer::new();
    w.fail("cannot send the Unknown member of union U");
    w.fail("second");
    assert_eq!(
        w.finish().unwrap_err().to_string(),
        "cannot send the Unknown member of union U"
    );
}

#[test]
fn result_pages_are_presized_and_surplus_is_returned() {
    // A top-level list followed by a long member: the estimate from the
    // first item overshoots, and the surplus capacity is given back.
    let body = format!(
        r#"{{"items":["a","b","c"],"pad":"{}"}}"#,
        "x".repeat(100_000)
    );
    let mut r = Reader::new(&body);
    let mut o = r.object().unwrap();
    assert_eq!(o.next(&mut r).unwrap().as_deref(), Some("items"));
    let items: Vec<String> = r.decode().unwrap();
    assert_eq!(items, ["a", "b", "c"]);
    assert!(
        items.capacity() <= 2 * items.len() + 8,
        "{}",
        items.capacity()
    );
    // A page of many items ends with exactly what it holds or a little more.
    let many = format!("[{}]", vec!["12345"; 5000].join(","));
    let v: Vec<i32> = from_json_str(&many).unwrap();
    assert_eq!(v.len(), 5000);
    assert!(v.capacity() <= 2 * v.len() + 8);
}

#[test]
fn a_strict_reader_refuses_repeated_keys_at_any_depth() {
    use crate::wire::{from_json_slice, from_json_slice_strict};
    for body in [
        r#"{"a":1,"a":2}"#.to_string(),
        r#"{"x":{"b":[{"c":1,"c":1}]}}"#.to_string(),
        // Past the linear scan: the hash set still catches it.
        format!(
            "{{{},\"k3\":0}}",
            (0..40)
                .map(|i| format!("\"k{i}\":0"))
                .collect::<Vec<_>>()
                .join(",")
        ),
    ] {
        let lax: crate::Document = from_json_slice(body.as_bytes()).unwrap();
        assert!(lax.as_object().is_some());
        let e = from_json_slice_strict::<crate::Document>(body.as_bytes()).unwrap_err();
        assert!(e.message().starts_with("duplicate key"), "{body}: {e}");
        assert_eq!(&body[e.offset()..e.offset() + 1], "\"", "{body}");
    }
    let ok: crate::Document =
        from_json_slice_strict(br#"{"a":{"a":1},"b":[{"a":1},{"a":2}]}"#).unwrap();
    assert!(ok.as_object().is_some());
    // An empty body is an empty object, as for the lax reader.
    let empty: crate::Document = from_json_slice_strict(b"  ").unwrap();
    assert!(empty.as_object().unwrap().is_empty());
}

#[test]
fn document_numbers_keep_their_kind_through_a_round_trip() {
    // Found by tests/fuzz_wire.rs: `-0` read as NegInt(0) came back as
    // PosInt(0), and integral floats (`1.0`, `1e2`) came back as integers.
    for text in [
        "-0",
        "-0.0",
        "1.0",
        "1e2",
        "1e20",
        "0.5",
        "-3",
        "18446744073709551616",
    ] {
        let doc = from_json_str::<Document>(text).unwrap();
        assert_eq!(
            from_json_str::<Document>(&encode(&doc)).unwrap(),
            doc,
            "{text}"
        );
    }
    let Document::Number(Number::Float(zero)) = from_json_str::<Document>("-0").unwrap() else {
        panic!("-0 is not a negative integer");
    };
    assert!(zero == 0.0 && zero.is_sign_negative());
    assert_eq!(encode(&Document::from(1.0)), "1.0");
    assert_eq!(encode(&Document::from(-0.0)), "-0.0");
    assert_eq!(encode(&Document::from(1e300)), "1e300");
    assert_eq!(encode(&Document::from(f64::NAN)), "\"NaN\"");
}

#[test]
fn numbers_too_large_for_a_double_are_errors() {
    // Found by tests/fuzz_wire.rs: `1e999999` read as infinity, which is
    // written back as the string "Infinity" (serde_json refuses it too).
    for text in ["1e400", "-1e999999", "1.8e308"] {
        let e = from_json_str::<f64>(text).unwrap_err();
        assert_eq!(
            (e.message(), e.offset()),
            ("number out of range for a double", 0)
        );
        assert!(from_json_str::<Document>(text).is_err(), "{text}");
        assert!(from_json_str::<f32>(text).is_err(), "{text}");
    }
    let e = from_json_str::<Document>(r#"{"a": 1e400}"#).unwrap_err();
    assert_eq!(e.offset(), 6);
    assert_eq!(
        from_json_str::<f64>("1.7976931348623157e308").unwrap(),
        f64::MAX
    );
    // Underflow is no error: the nearest double is zero.
    assert_eq!(from_json_str::<f64>("1e-400").unwrap(), 0.0);
    // A big number keeps its text, whatever its size.
    assert_eq!(
        from_json_str::<BigNumber>("1e400").unwrap().as_str(),
        "1e400"
    );
}

#[test]
fn epoch_seconds_round_trip_exactly() {
    // Found by tests/fuzz_wire.rs: fractions were written through an f64,
    // so 10000000.123456789 came back as 10000000.12345679 and
    // -0.000000001 as -0.0000000009999999717180685.
    for json in [
        "10000000.123456789",
        "1700000000.000000001",
        "-0.000000001",
        "-1.5",
        "1700000000.25",
    ] {
        let t = from_json_str::<DateTime>(json).unwrap();
        assert_eq!(encode(&t), json);
        assert_eq!(from_json_str::<DateTime>(&encode(&t)).unwrap(), t);
    }
    assert_eq!(encode(&DateTime::from_secs(-3)), "-3");
}

#[test]
fn only_json_whitespace_makes_an_empty_body() {
    // Found by tests/fuzz_wire.rs: a body of a form feed (or a no-break
    // space, a vertical tab) was taken for an empty body and read as `{}`.
    for body in ["\u{c}", "\u{b}", "\u{a0}", " \u{feff}", "\u{2028}"] {
        let e = from_json_str::<Document>(body).unwrap_err();
        assert!(e.offset() <= body.len(), "{body:?}: {e}");
    }
    for body in ["", " ", "\t\r\n "] {
        assert_eq!(
            from_json_str::<Document>(body).unwrap(),
            Document::Object(HashMap::new())
        );
    }
}

#[test]
fn attempt_consumes_only_what_decodes() {
    let mut r = Reader::new(r#"{"a": 1} 7"#);
    assert_eq!(r.attempt::<String>(), None);
    assert_eq!(r.offset(), 0, "a failed attempt leaves the reader in place");
    let doc = r.attempt::<Document>().unwrap();
    assert!(matches!(doc, Document::Object(_)));
    assert_eq!(r.attempt::<i64>(), Some(7));
    r.finish().unwrap();
}

#[test]
fn object_fits_checks_keys_and_constants_without_consuming() {
    let r = Reader::new(r#"{"id": "cus_1", "object": "customer", "n": [1, {"x": 2}]}"#);
    assert!(r.object_fits(&["id", "object"], &[("object", "customer")]));
    assert!(r.object_fits(&[], &[]));
    assert!(
        !r.object_fits(&["id", "email"], &[]),
        "a required key is missing"
    );
    assert!(
        !r.object_fits(&["id"], &[("object", "card")]),
        "a constant differs"
    );
    assert_eq!(r.offset(), 0);
    assert!(!Reader::new(r#""cus_1""#).object_fits(&[], &[]));
    assert!(
        !Reader::new(r#"{"id": 1"#).object_fits(&[], &[]),
        "malformed"
    );
}

#[test]
fn peek_field_reads_a_discriminator_ahead() {
    let r = Reader::new(r#"{"name": {"k": "v"}, "petType": "dog", "bark": true}"#);
    assert_eq!(r.peek_field("petType").as_deref(), Some("dog"));
    assert_eq!(r.peek_field("missing"), None);
    assert_eq!(r.peek_field("bark"), None, "not a string");
    assert_eq!(r.offset(), 0);
    assert_eq!(Reader::new("[1]").peek_field("petType"), None);
}

#[test]
fn epoch_seconds_are_written_exactly() {
    let cases: [(i64, u32, &str); 7] = [
        (1_700_000_000, 0, "1700000000"),
        (1_700_000_000, 123_000_000, "1700000000.123"),
        (1_700_000_000, 1, "1700000000.000000001"),
        (0, 0, "0"),
        (-2, 500_000_000, "-1.5"),
        (-1, 0, "-1"),
        (-62_135_596_800, 0, "-62135596800"),
    ];
    for (secs, nanos, want) in cases {
        let t = DateTime::from_secs_and_nanos(secs, nanos);
        assert_eq!(encode(&t), want, "{secs} s {nanos} ns");
        assert_eq!(t.epoch_seconds_text(), want, "the text form agrees");
        assert_eq!(from_json_str::<DateTime>(want).unwrap(), t, "reads back");
    }
    let mut w = Writer::new();
    w.epoch_seconds(i64::MIN, 0);
    assert_eq!(w.finish().unwrap(), b"-9223372036854775808");
}
