//! Encodings, line ends, short/overlong lines, structure errors.

use gdv::{Encoding, Error, Item, Options, ProblemKind, Reader, RecordKind, Severity, read_report};

use crate::fixtures::{self, Line};

fn report(bytes: &[u8]) -> gdv::Report {
    read_report(bytes, Options::default()).unwrap()
}

fn partner_name(bytes: &[u8], options: Options) -> Option<String> {
    Reader::new(bytes, options)
        .unwrap()
        .filter_map(|i| match i.unwrap() {
            Item::Record(r) => match r.kind {
                RecordKind::Partner(p) => p.name1,
                _ => None,
            },
            _ => None,
        })
        .next()
}

fn sample() -> Vec<Line> {
    fixtures::package("59999999999", 41141)
}

#[test]
fn line_end_variants_read_the_same() {
    let lines = sample();
    let lf = report(&fixtures::latin1(&lines, "\n"));
    let crlf = report(&fixtures::latin1(&lines, "\r\n"));
    let none = report(&fixtures::latin1(&lines, ""));
    for r in [&lf, &crlf, &none] {
        assert_eq!(r.packages.len(), 1);
        assert_eq!(r.totals.records, 10, "{r:#?}");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }
    assert_eq!(lf.input.lf_lines, lines.len() as u64);
    assert_eq!(crlf.input.crlf_lines, lines.len() as u64);
    assert_eq!(none.input.unterminated, lines.len() as u64);
    // Last line without a line end.
    let mut bytes = fixtures::latin1(&lines, "\r\n");
    bytes.truncate(bytes.len() - 2);
    let r = report(&bytes);
    assert_eq!(r.input.unterminated, 1);
    assert_eq!(
        r.packages[0].nachsatz.as_ref().map(|n| n.records_match),
        Some(true)
    );
}

#[test]
fn short_lines_are_padded() {
    let text: Vec<String> = sample()
        .iter()
        .map(|l| l.text().trim_end().to_string())
        .collect();
    let bytes = gdv::encoding::encode_latin1(&text.join("\r\n"));
    let r = report(&bytes);
    assert!(r.input.padded_lines >= 4);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.totals.records, 10);
}

#[test]
fn encodings_are_detected_and_can_be_forced() {
    let lines = sample();
    let text: Vec<String> = lines.iter().map(Line::text).collect();
    let joined = text.join("\n");
    let latin1 = gdv::encoding::encode_latin1(&joined);
    let cp850 = gdv::encoding::encode_cp850(&joined);
    let utf8 = joined.as_bytes();
    assert_eq!(report(&latin1).encoding, Encoding::Latin1);
    assert_eq!(report(&cp850).encoding, Encoding::Cp850);
    assert_eq!(report(utf8).encoding, Encoding::Utf8);
    for bytes in [&latin1[..], &cp850[..], utf8] {
        assert_eq!(
            partner_name(bytes, Options::default()).as_deref(),
            Some("Kitzelpfütze")
        );
        assert!(report(bytes).problems.is_empty());
    }
    // A UTF-8 byte order mark is skipped.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(utf8);
    assert_eq!(report(&bom).encoding, Encoding::Utf8);
    assert!(report(&bom).problems.is_empty());
    // Forcing Latin-1 on CP850 bytes gives the Latin-1 reading.
    let forced = Options {
        encoding: Some(Encoding::Latin1),
    };
    assert_eq!(
        partner_name(&cp850, forced).as_deref(),
        Some("Kitzelpf\u{81}tze")
    );
    // UTF-8 without separators is cut every 256 characters, not bytes.
    let r = report(text.concat().as_bytes());
    assert_eq!(r.totals.records, 10);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn not_gdv_says_so_in_one_line() {
    let err = read_report(
        &b"Voelliger Unsinn, das ist keine GDV Datei\n"[..],
        Options::default(),
    );
    let Err(Error::NotGdv(why)) = err else {
        panic!("{err:?}")
    };
    assert!(!why.contains('\n'));
    assert!(matches!(
        read_report(&b""[..], Options::default()),
        Err(Error::NotGdv(_))
    ));
}

#[test]
fn trailing_garbage_and_bad_lines_are_reported() {
    let mut lines = sample();
    lines.insert(4, Line::blank("XX??").set(10, "broken"));
    let mut bytes = fixtures::latin1(&lines, "\n");
    bytes.extend_from_slice(b"\x1a\nsome trailing text\n");
    let r = report(&bytes);
    assert!(r.has(ProblemKind::NotARecord));
    assert!(r.has(ProblemKind::TrailingGarbage));
    let bad = r
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::NotARecord)
        .unwrap();
    assert_eq!(bad.line, 5);
    assert_eq!(r.totals.records, 10);
}

#[test]
fn overlong_lines_are_cut_and_reported() {
    let lines = sample();
    let mut text: Vec<String> = lines.iter().map(Line::text).collect();
    text[1].push_str("EXTRA");
    let r = report(&gdv::encoding::encode_latin1(&text.join("\n")));
    assert!(r.has(ProblemKind::OverlongLine));
    assert!(r.has(ProblemKind::NotARecord));
}

#[test]
fn structure_problems() {
    let lines = sample();
    // Missing Nachsatz, then a second package.
    let mut two = lines[..lines.len() - 1].to_vec();
    two.extend(lines.clone());
    let r = report(&fixtures::latin1(&two, "\n"));
    assert_eq!(r.packages.len(), 2);
    assert!(r.packages[0].nachsatz.is_none());
    assert!(r.has(ProblemKind::MissingNachsatz));
    // No Vorsatz.
    let r = report(&fixtures::latin1(&lines[1..], "\n"));
    assert!(r.has(ProblemKind::RecordOutsidePackage));
    assert!(r.has(ProblemKind::MissingVorsatz));
    assert_eq!(r.outside_packages.records, 10);
    // Unknown Satzart kept raw.
    let mut odd = lines.clone();
    odd.insert(3, Line::keyed("0777", "030", "59999999999", None));
    let r = report(&fixtures::latin1(&odd, "\n"));
    assert!(r.has(ProblemKind::UnknownRecordType));
    assert_eq!(r.totals.raw.get("unknown"), Some(&1));
}

#[test]
fn nachsatz_mismatches_are_warnings() {
    let mut lines = sample();
    let last = lines.len() - 1;
    lines[last] = fixtures::nachsatz(99, 1);
    let r = report(&fixtures::latin1(&lines, "\n"));
    let n = r.packages[0].nachsatz.as_ref().unwrap();
    assert!(!n.records_match && !n.premium_match);
    assert_eq!(n.counted_records, 17);
    assert!(r.problems.iter().all(|p| p.severity == Severity::Warning));
    assert_eq!(r.problems.len(), 2);
}

#[test]
fn interleaved_teildatensaetze_are_joined() {
    let p = "4711";
    let leben = |td: char, wagnis: &str, vp: &str| {
        Line::keyed("0220", "010", p, Some((256, td)))
            .set(43, vp)
            .set(60, wagnis)
    };
    let lines = vec![
        fixtures::vorsatz('1'),
        leben('1', "2", "00001")
            .set(62, "01012020")
            .set(90, "000000010000"),
        leben('1', "4", "00001"),
        leben('2', "2", "     "),
        leben('2', "4", "     "),
        leben('6', "2", "     "),
        fixtures::nachsatz(5, 0),
    ];
    let recs: Vec<_> = Reader::new(&fixtures::latin1(&lines, "\n")[..], Options::default())
        .unwrap()
        .filter_map(|i| match i.unwrap() {
            Item::Record(r) => Some(r),
            _ => None,
        })
        .collect();
    let shape: Vec<(String, usize)> = recs
        .iter()
        .map(|r| (r.layout.to_string(), r.parts.len()))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("0220.010.2.1".to_string(), 2),
            ("0220.010.48.1".to_string(), 2),
            ("0220.010.2.6".to_string(), 1)
        ]
    );
    let RecordKind::LineOfBusiness(l) = &recs[0].kind else {
        panic!()
    };
    assert_eq!(l.premium, Some(gdv::Money::eur(10000)));
}
