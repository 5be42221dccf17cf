//! Every sample file of ../shared/data/gdv (skipped when absent): no panic,
//! the expected errors, the golden values of FORMAT-NOTES §3.9, stable counts.

use std::path::{Path, PathBuf};

use gdv::{Encoding, Error, Item, Money, Options, ProblemKind, Reader, Record, RecordKind, Report};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gdv");

/// The sample folder, or `None` (with a message) on machines without it.
pub fn samples() -> Option<PathBuf> {
    let dir = Path::new(SAMPLES);
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!("skipping: GDV samples not found at {SAMPLES}");
        None
    }
}

fn sample_path(dir: &Path, name: &str) -> PathBuf {
    ["oboehm-gdv.xport", "vendis-opengdv"]
        .iter()
        .map(|d| dir.join(d).join(name))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("sample {name} missing"))
}

pub fn report(dir: &Path, name: &str) -> Result<Report, Error> {
    let file = std::fs::File::open(sample_path(dir, name)).unwrap();
    gdv::read_report(std::io::BufReader::new(file), Options::default())
}

fn records(dir: &Path, name: &str) -> Vec<Record> {
    let file = std::fs::File::open(sample_path(dir, name)).unwrap();
    Reader::new(std::io::BufReader::new(file), Options::default())
        .unwrap()
        .filter_map(|i| match i.unwrap() {
            Item::Record(r) | Item::PackageStart(r) | Item::PackageEnd(Some(r)) => Some(r),
            _ => None,
        })
        .collect()
}

#[test]
fn every_file_in_the_folder_reads_without_panic() {
    let Some(dir) = samples() else { return };
    for sub in ["oboehm-gdv.xport", "vendis-opengdv", "layout"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let file = std::fs::File::open(&path).unwrap();
            // Any outcome is fine; only a panic fails.
            let _ = gdv::read_report(std::io::BufReader::new(file), Options::default());
        }
    }
}

#[test]
fn broken_samples_give_the_expected_errors() {
    let Some(dir) = samples() else { return };
    let garbage = report(&dir, "garbage.gdv");
    assert!(
        matches!(&garbage, Err(Error::NotGdv(why)) if why.contains("Völliger Unsinn")),
        "{garbage:?}"
    );
    let missing = report(&dir, "missing_nachsatz.gdv").unwrap();
    assert!(missing.has(ProblemKind::MissingNachsatz));
    assert!(missing.packages[0].nachsatz.is_none());
    for name in [
        "satz220.20.fehlerhaft.txt",
        "Test_import_0220_020_1-satz-kaput.txt",
    ] {
        let r = report(&dir, name).unwrap();
        let p = r
            .problems
            .iter()
            .find(|p| p.kind == ProblemKind::UndeterminedLayout)
            .unwrap_or_else(|| panic!("{name}: {:?}", r.problems));
        assert_eq!(
            (p.column, p.raw.as_deref()),
            (Some(48), Some(" ")),
            "{name}"
        );
    }
    // The implausible second Nachsatz of zwei_datenpakete_strict.
    let zwei = report(&dir, "zwei_datenpakete_strict.txt").unwrap();
    let second = zwei.packages[1].nachsatz.as_ref().unwrap();
    assert_eq!(second.declared_records, Some(31605));
    assert!(!second.records_match);
}

#[test]
fn encodings_of_the_samples() {
    let Some(dir) = samples() else { return };
    let enc = |name| report(&dir, name).unwrap().encoding;
    assert_eq!(enc("testcase_0220_mit_0221_versetzt.txt"), Encoding::Cp850);
    assert_eq!(enc("test0820satzregistry.txt"), Encoding::Utf8);
    assert_eq!(enc("musterdatei_041222.txt"), Encoding::Latin1);
    // CP850: "Sekretärin" is spelt with byte 0x84.
    let cp850 = records(&dir, "testcase_0220_mit_0221_versetzt.txt");
    let found = cp850.iter().any(|r| {
        (1..=256u16).step_by(30).any(|s| {
            r.raw_field(1, s, (s + 59).min(256))
                .is_some_and(|t| t.contains("Sekretärin"))
        })
    });
    assert!(found, "Sekretärin not decoded from CP850");
    // UTF-8 lines of 257 bytes hold 256 characters; the 0820 records stay raw.
    let utf8 = report(&dir, "test0820satzregistry.txt").unwrap();
    assert_eq!(utf8.input.overlong_lines, 0);
    assert_eq!(utf8.totals.raw.get("company_specific"), Some(&2));
}

#[test]
fn musterdatei_golden_values() {
    let Some(dir) = samples() else { return };
    for name in ["musterdatei_041222.txt", "muster_bestand.gdv"] {
        let recs = records(&dir, name);
        let RecordKind::Vorsatz(v) = &recs[0].kind else {
            panic!()
        };
        assert_eq!(v.vu_number, "9999");
        assert_eq!(v.sender.as_deref(), Some("XXX Versicherung AG"));
        assert_eq!(v.addressee.as_deref(), Some("BRBRIENNEE,JÜRGEN"));
        assert_eq!(
            v.period_from.map(|d| d.to_string()).as_deref(),
            Some("22.07.2004")
        );
        assert_eq!(
            v.period_to.map(|d| d.to_string()).as_deref(),
            Some("22.07.2004")
        );
        for (satzart, version) in [
            ("0001", "1.9"),
            ("0100", "1.9"),
            ("0200", "1.9"),
            ("0210.050", "2.1"),
            ("0220.030", "2.0"),
        ] {
            assert_eq!(v.version(satzart), Some(version), "{satzart}");
        }

        let RecordKind::Partner(p) = &recs[1].kind else {
            panic!()
        };
        assert_eq!(p.key.sparte, Some(30));
        assert_eq!(p.key.policy_number, "59999999999");
        assert_eq!(p.key.sequence, Some(1));
        assert_eq!(p.key.agency, "9999009999");
        assert_eq!(p.salutation, Some(gdv::codes::Salutation::Mrs));
        assert_eq!(p.name1.as_deref(), Some("Kitzelpfütze"));
        assert_eq!(p.name3.as_deref(), Some("Martina"));
        assert_eq!(p.country.as_deref(), Some("D"));
        assert_eq!(p.postcode.as_deref(), Some("52222"));
        assert_eq!(p.city.as_deref(), Some("Stolberg (Rhld.)"));
        assert_eq!(p.street.as_deref(), Some("Sebeneteriestr. 44"));
        assert_eq!(
            p.birth_date.map(|d| d.to_string()).as_deref(),
            Some("11.11.1979")
        );
        assert_eq!(p.role, Some(gdv::codes::AddressKind::PolicyHolder));
        assert_eq!(p.gender, Some(gdv::codes::Gender::Female));
        assert_eq!(p.customer_number_insurer.as_deref(), Some("B4LTTT"));
        assert_eq!(
            p.bank_accounts[0].account_number.as_deref(),
            Some("1111111111")
        );
        assert_eq!(p.bank_accounts[0].bank_code.as_deref(), Some("10000000"));
        assert_eq!(
            p.payment_method,
            Some(gdv::codes::PaymentMethod::DirectDebit)
        );

        let RecordKind::Contract(c) = &recs[2].kind else {
            panic!()
        };
        assert_eq!(c.collection_type, Some(gdv::codes::CollectionType::Direct));
        assert_eq!(
            c.start.map(|d| d.to_string()).as_deref(),
            Some("01.05.2004")
        );
        assert_eq!(c.end.map(|d| d.to_string()).as_deref(), Some("01.05.2009"));
        assert_eq!(
            c.main_due_date.map(|d| d.to_string()).as_deref(),
            Some("01.05.2005")
        );
        assert_eq!(
            c.payment_frequency,
            Some(gdv::codes::PaymentFrequency::Annual)
        );
        assert_eq!(c.status, Some(gdv::codes::ContractStatus::Active));
        assert_eq!(c.cancellation_date, None);
        assert_eq!(c.currency.as_str(), "EUR");
        assert_eq!(c.net_premium, Some(Money::eur(41141)));
        assert_eq!(
            c.term_discount_percent.map(|d| d.to_string()).as_deref(),
            Some("10.00")
        );

        let RecordKind::LineOfBusiness(l) = &recs[3].kind else {
            panic!()
        };
        assert_eq!(recs[3].layout.to_string(), "0210.030");
        assert_eq!(
            l.start.map(|d| d.to_string()).as_deref(),
            Some("01.05.2004")
        );
        assert_eq!(l.end.map(|d| d.to_string()).as_deref(), Some("01.05.2009"));
        assert_eq!(recs[3].raw_field(1, 68, 71).as_deref(), Some("0901"));
        assert_eq!(l.premium, Some(Money::eur(41141)));

        let RecordKind::Nachsatz(n) = &recs.last().unwrap().kind else {
            panic!()
        };
        assert_eq!(n.record_count, Some(162));
        assert_eq!(n.total_premium, Some(Money::eur(480600)));
    }
}

#[test]
fn known_record_shapes() {
    let Some(dir) = samples() else { return };
    // drei_datenpakete: 3 Vorsätze (2 TDs each), 3 × 3 records, 3 Nachsätze.
    let drei = report(&dir, "drei_datenpakete.txt").unwrap();
    assert_eq!(drei.packages.len(), 3);
    assert!(
        drei.packages
            .iter()
            .all(|p| p.vorsatz_parts == 2 && p.counts.records == 3 && p.nachsatz.is_some())
    );
    // test_issue13: 3 × 0100 with 2 TDs each.
    let issue13 = records(&dir, "test_issue13.txt");
    let partners: Vec<usize> = issue13
        .iter()
        .filter(|r| r.satzart() == 100)
        .map(|r| r.parts.len())
        .collect();
    assert_eq!(partners, vec![2, 2, 2]);
    // teildatensatz_wechsel: a key change starts a new record.
    let wechsel = records(&dir, "teildatensatz_wechsel.gdv");
    let numbers: Vec<String> = wechsel
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::Contract(c) => Some(c.key.policy_number.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, vec!["123456789001", "123456789002"]);
    // Klaus_Test: 15 packages of 3 Vorsatz TDs; Nachsatz sums all match.
    let klaus = report(&dir, "Klaus_Test.gdv").unwrap();
    assert!(klaus.packages.iter().all(|p| p.vorsatz_parts == 3));
    assert!(
        klaus
            .packages
            .iter()
            .all(|p| p.nachsatz.as_ref().is_some_and(|n| n.premium_match))
    );
    // DIN 66003: '§' for '@' in Klaus_Test e-mail addresses.
    let emails: Vec<String> = records(&dir, "Klaus_Test.gdv")
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::Partner(p) => p.email(),
            _ => None,
        })
        .collect();
    assert!(!emails.is_empty());
    assert!(emails.iter().all(|e| !e.contains('§')));
}
