//! Snapshot of the counts per sample file, checked by hand against the files.

use super::samples::{report, samples};

/// Checked by hand: Teildatensätze = lines that are not 0001/9999 (`grep -v -c`),
/// Nachsatz agreement as counted in FORMAT-NOTES §3.7.9 (20 of 42 counts, 22 of 42 sums).
/// (file, packages, records, Teildatensätze, typed, Sparte counts, problem counts)
const SNAPSHOT: &[(&str, usize, u64, u64, u64, &str, &str)] = &[
    (
        "Klaus_Test.gdv",
        15,
        756,
        1497,
        576,
        "010:85,020:118,030:130,040:70,050:72,051:24,052:18,053:3,054:3,070:30,080:20,081:10,089:29,110:15,130:17,140:45,171:8,172:8,210:1,230:13,231:5,296:4,299:20,510:8",
        "nachsatz_count_mismatch:2",
    ),
    (
        "teildatensatz_wechsel.gdv",
        1,
        2,
        2,
        2,
        "010:2",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "Bender_Leben.GDV",
        1,
        19,
        34,
        15,
        "010:19",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "Leben_Wagnis2_Riester.GDV",
        1,
        7,
        12,
        5,
        "010:7",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "Leben_Wagnis3_Risikoversicherung.GDV",
        1,
        7,
        12,
        5,
        "010:7",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "Leben_Wagnis4_BU.GDV",
        1,
        6,
        11,
        5,
        "010:6",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "Test_import_0220_020_1-satz-kaput.txt",
        1,
        1,
        1,
        0,
        "020:1",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1,undetermined_layout:1",
    ),
    (
        "drei_datenpakete.txt",
        3,
        9,
        9,
        6,
        "020:9",
        "nachsatz_count_mismatch:3,nachsatz_premium_mismatch:3",
    ),
    (
        "igor_110120.txt",
        1,
        25,
        30,
        25,
        "050:15,051:5,052:3,053:2",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "musterdatei_041222.txt",
        1,
        104,
        162,
        66,
        "000:2,030:24,040:36,050:16,051:8,052:6,053:2,054:4,130:6",
        "",
    ),
    (
        "musterdatei_2009.txt",
        1,
        104,
        162,
        66,
        "000:2,030:24,040:36,050:16,051:8,052:6,053:2,054:4,130:6",
        "",
    ),
    (
        "satz220.20.fehlerhaft.txt",
        1,
        3,
        3,
        0,
        "020:3",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1,undetermined_layout:3",
    ),
    (
        "test0820satzregistry.txt",
        1,
        6,
        9,
        4,
        "030:4",
        "nachsatz_premium_mismatch:1",
    ),
    (
        "test_issue13.txt",
        1,
        3,
        6,
        3,
        "030:3",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "testcase_0220_mit_0221_versetzt.txt",
        1,
        22,
        43,
        14,
        "010:22",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "testdatei_leben_mixed_teildatensaetze.txt",
        1,
        8,
        16,
        6,
        "010:8",
        "nachsatz_count_mismatch:1",
    ),
    (
        "zwei_datenpakete_strict.txt",
        2,
        129,
        192,
        91,
        "000:2,030:24,040:36,050:31,051:13,052:9,053:4,054:4,130:6",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "kranken.gdv",
        1,
        8,
        9,
        6,
        "020:7",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "missing_nachsatz.gdv",
        1,
        6,
        7,
        5,
        "130:5",
        "missing_nachsatz:1",
    ),
    (
        "multi_package.gdv",
        3,
        116,
        176,
        76,
        "000:2,030:24,040:36,050:16,051:8,052:6,053:2,054:4,130:16",
        "nachsatz_count_mismatch:2,nachsatz_premium_mismatch:2",
    ),
    (
        "multiple_addresses.gdv",
        1,
        6,
        7,
        5,
        "130:5",
        "nachsatz_count_mismatch:1,nachsatz_premium_mismatch:1",
    ),
    (
        "muster_bestand.gdv",
        1,
        104,
        162,
        66,
        "000:2,030:24,040:36,050:16,051:8,052:6,053:2,054:4,130:6",
        "",
    ),
    (
        "muster_kfzantrag.gdv",
        1,
        31,
        35,
        23,
        "050:16,051:4,052:1,053:2",
        "nachsatz_count_mismatch:1",
    ),
    (
        "unfall.gdv",
        1,
        9,
        14,
        9,
        "030:9",
        "nachsatz_premium_mismatch:1",
    ),
];

fn join<V: std::fmt::Display>(map: &std::collections::BTreeMap<String, V>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k}:{v}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn every_sample_reads_with_stable_counts() {
    let Some(dir) = samples() else { return };
    let mut nachsaetze = (0, 0, 0);
    for (name, packages, records, tds, typed, spartes, problems) in SNAPSHOT {
        let r = report(&dir, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = (
            r.packages.len(),
            r.totals.records,
            r.totals.teildatensaetze,
            r.totals.typed,
            join(&r.totals.by_sparte),
            join(&r.problem_counts),
        );
        let want = (
            *packages,
            *records,
            *tds,
            *typed,
            spartes.to_string(),
            problems.to_string(),
        );
        assert_eq!(got, want, "{name}");
        for n in r.packages.iter().filter_map(|p| p.nachsatz.as_ref()) {
            nachsaetze.0 += 1;
            nachsaetze.1 += usize::from(n.records_match);
            nachsaetze.2 += usize::from(n.premium_match);
        }
        // Also as JSON, which the example prints.
        assert!(serde_json::to_string(&r).is_ok());
    }
    assert_eq!(nachsaetze, (42, 20, 22));
}
