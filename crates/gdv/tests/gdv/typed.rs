//! Every typed record type, read from fixtures built field by field.

use gdv::codes::{
    AddressKind, ClaimDelivery, ClaimSettlement, CollectionType, ContractStatus, Gender,
    PaymentFrequency, PaymentMethod, Salutation,
};
use gdv::records::{LineKind, RiskLevel};
use gdv::{GdvDate, Item, Money, Options, RawReason, Reader, Record, RecordKind};

use crate::fixtures::{self, Line};

fn items(lines: &[Line]) -> Vec<Item> {
    let bytes = fixtures::latin1(lines, "\n");
    let reader = Reader::new(&bytes[..], Options::default()).unwrap();
    reader.map(|i| i.unwrap()).collect()
}

fn records(lines: &[Line]) -> Vec<Record> {
    items(lines)
        .into_iter()
        .filter_map(|i| match i {
            Item::Record(r) | Item::PackageStart(r) | Item::PackageEnd(Some(r)) => Some(r),
            _ => None,
        })
        .collect()
}

fn date(y: u16, m: u8, d: u8) -> Option<GdvDate> {
    GdvDate::ymd(y, m, d)
}

fn package() -> Vec<Record> {
    records(&fixtures::package("59999999999", 41141))
}

#[test]
fn vorsatz_and_nachsatz() {
    let recs = package();
    let RecordKind::Vorsatz(v) = &recs[0].kind else {
        panic!("{:?}", recs[0].kind)
    };
    assert_eq!(v.vu_number, "9999");
    assert_eq!(v.sender.as_deref(), Some("XXX Versicherung AG"));
    assert_eq!(v.addressee.as_deref(), Some("BRBRIENNEE,JÜRGEN"));
    assert_eq!(v.period_from, date(2004, 7, 22));
    assert_eq!(v.period_to, date(2004, 7, 22));
    assert_eq!(v.version("0210.050"), Some("2.1"));
    let last = recs.last().unwrap();
    let RecordKind::Nachsatz(n) = &last.kind else {
        panic!("{:?}", last.kind)
    };
    assert_eq!(n.total_premium, Some(Money::eur(41141)));
    assert_eq!(n.total_gross_premium, Some(Money::eur(41141)));
    assert_eq!(n.total_commission, Some(Money::eur(-4114)));
    assert_eq!(n.total_benefits, Some(Money::eur(150000)));
    assert_eq!(n.total_claim_costs, Some(Money::eur(-2500)));
}

#[test]
fn partner_with_bank_and_email() {
    let recs = package();
    let RecordKind::Partner(p) = &recs[1].kind else {
        panic!("{:?}", recs[1].kind)
    };
    assert_eq!(recs[1].parts.len(), 3);
    assert_eq!(p.key.policy_number, "59999999999");
    assert_eq!(p.key.sparte, Some(30));
    assert_eq!(p.key.sequence, Some(1));
    assert_eq!(p.key.agency, "9999009999");
    assert_eq!(p.salutation, Some(Salutation::Mrs));
    assert_eq!(p.name1.as_deref(), Some("Kitzelpfütze"));
    assert_eq!(p.name3.as_deref(), Some("Martina"));
    assert_eq!(p.postcode.as_deref(), Some("52222"));
    assert_eq!(p.city.as_deref(), Some("Stolberg (Rhld.)"));
    assert_eq!(p.street.as_deref(), Some("Sebeneteriestr. 44"));
    assert_eq!(p.birth_date, date(1979, 11, 11));
    assert_eq!(p.role, Some(AddressKind::PolicyHolder));
    assert_eq!(p.gender, Some(Gender::Female));
    assert_eq!(p.customer_number_insurer.as_deref(), Some("B4LTTT"));
    assert_eq!(p.payment_method, Some(PaymentMethod::DirectDebit));
    assert_eq!(p.email().as_deref(), Some("martina@example.com"));
    assert_eq!(p.communications.len(), 2);
    let bank = &p.bank_accounts[0];
    assert_eq!(bank.account_number.as_deref(), Some("1111111111"));
    assert_eq!(bank.bank_code.as_deref(), Some("10000000"));
    assert_eq!(bank.iban.as_deref(), Some("DE12390500001234567890"));
    assert_eq!(bank.bic.as_deref(), Some("AACSDE33XXX"));
    assert_eq!(bank.bank_name.as_deref(), Some("Sparkasse Aachen"));
}

#[test]
fn contract() {
    let recs = package();
    let RecordKind::Contract(c) = &recs[2].kind else {
        panic!("{:?}", recs[2].kind)
    };
    assert_eq!(c.collection_type, Some(CollectionType::Direct));
    assert_eq!(c.start, date(2004, 5, 1));
    assert_eq!(c.end, date(2009, 5, 1));
    assert_eq!(c.main_due_date, date(2005, 5, 1));
    assert_eq!(c.payment_frequency, Some(PaymentFrequency::Annual));
    assert_eq!(c.status, Some(ContractStatus::Active));
    assert_eq!(c.cancellation_date, None);
    assert_eq!(c.net_premium, Some(Money::eur(41141)));
    assert_eq!(c.gross_premium, Some(Money::eur(45000)));
    assert_eq!(
        c.share_percent.map(|d| d.to_string()).as_deref(),
        Some("10.000")
    );
    assert_eq!(
        c.term_discount_percent.map(|d| d.to_string()).as_deref(),
        Some("10.00")
    );
    assert_eq!(c.product_name.as_deref(), Some("Unfall Komfort"));
}

#[test]
fn lines_of_business() {
    let recs = package();
    let lobs: Vec<_> = recs
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::LineOfBusiness(l) => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(lobs.len(), 5);
    let unfall = lobs[0];
    assert_eq!(
        (unfall.level, unfall.kind),
        (RiskLevel::Contract, LineKind::Unfall)
    );
    assert_eq!(unfall.start, date(2004, 5, 1));
    assert_eq!(unfall.end, date(2009, 5, 1));
    assert_eq!(unfall.change_date, None);
    assert_eq!(unfall.premium, Some(Money::eur(41141)));
    let person = lobs[1];
    assert_eq!(person.level, RiskLevel::Risk);
    let vp = person.insured_person.as_ref().unwrap();
    assert_eq!(vp.name.as_deref(), Some("Kitzelpfütze"));
    assert_eq!(vp.first_name.as_deref(), Some("Martina"));
    assert_eq!(vp.birth_date, date(1979, 11, 11));
    assert_eq!(vp.number.as_deref(), Some("000001"));
    let kfz = lobs[2];
    assert_eq!(kfz.kind, LineKind::Kfz);
    let v = kfz.vehicle.as_ref().unwrap();
    assert_eq!(v.plate.as_deref(), Some("AC-XY 123"));
    assert_eq!(v.make.as_deref(), Some("VW"));
    assert_eq!(v.hsn.as_deref(), Some("0603"));
    assert_eq!(v.tsn.as_deref(), Some("ABC"));
    assert_eq!(v.vin.as_deref(), Some("WVWZZZ1JZXW000001"));
    assert_eq!(v.first_registration, date(2001, 3, 15));
    assert_eq!(kfz.premium, Some(Money::eur(65432)));
    assert_eq!(kfz.product_name.as_deref(), Some("Kfz Premium"));
    let kh = lobs[3];
    // KH-Beitrag has one implied decimal: 00032105 = 3210.5.
    assert_eq!(kh.premium, Some(Money::eur(321050)));
    assert_eq!(kh.no_claims_class.as_deref(), Some("SF 12"));
    let hausrat = lobs[4];
    assert_eq!(hausrat.kind, LineKind::Hausrat);
    assert_eq!(hausrat.sum_insured, Some(Money::eur(6_500_000)));
    assert_eq!(hausrat.premium, Some(Money::eur(12345)));
    assert_eq!(hausrat.object_number.as_deref(), Some("00001"));
    let addr = hausrat.risk_address.as_ref().unwrap();
    assert_eq!(addr.city.as_deref(), Some("Köln"));
    assert_eq!(addr.street.as_deref(), Some("Domplatz 1"));
}

#[test]
fn collection_with_signs() {
    let recs = package();
    let c = recs
        .iter()
        .find_map(|r| match &r.kind {
            RecordKind::Collection(c) => Some(c),
            _ => None,
        })
        .unwrap();
    assert_eq!(c.booking_date, date(2004, 5, 1));
    assert_eq!(c.period_to, date(2005, 4, 30));
    assert_eq!(c.net_premium, Some(Money::eur(34573)));
    assert_eq!(c.insurance_tax, Some(Money::eur(6568)));
    assert_eq!(c.gross_premium, Some(Money::eur(41141)));
    assert_eq!(c.commission, Some(Money::eur(-4114)));
    assert_eq!(c.policy_holder_name.as_deref(), Some("Kitzelpfütze"));
    assert_eq!(c.settlement_amount, Some(Money::eur(41141)));
}

#[test]
fn claim_with_two_teildatensaetze() {
    let recs = package();
    let (rec, c) = recs
        .iter()
        .find_map(|r| match &r.kind {
            RecordKind::Claim(c) => Some((r, c)),
            _ => None,
        })
        .unwrap();
    assert_eq!(rec.parts.len(), 2);
    assert_eq!(c.claim_number, "S-2004-77");
    assert_eq!(c.process_number, Some(1));
    assert_eq!(c.delivery, Some(ClaimDelivery::Initial));
    assert_eq!(c.loss_date, date(2004, 7, 15));
    assert_eq!(c.reported_date, date(2004, 7, 17));
    assert_eq!(c.payment, Some(Money::eur(150000)));
    assert_eq!(c.handling_costs, Some(Money::eur(-2500)));
    assert_eq!(c.settled, Some(ClaimSettlement::Open));
    assert_eq!(c.reserve, Some(Money::eur(300000)));
}

#[test]
fn participation_and_collection_part() {
    let lines = vec![
        fixtures::vorsatz('1'),
        Line::keyed("0300", "030", "1", Some((256, '1')))
            .set(43, "01012004")
            .set(51, "50000")
            .set(77, "5555 ")
            .set(82, "50000"),
        Line::keyed("0410", "030", "1", None)
            .set(43, "0101200431122004")
            .set(59, "00000010000+")
            .set(104, "00000000500+")
            .set(134, "00000000250-"),
        fixtures::nachsatz(2, 0),
    ];
    let recs = records(&lines);
    let RecordKind::Participation(p) = &recs[1].kind else {
        panic!("{:?}", recs[1].kind)
    };
    assert_eq!(
        p.insurer_share.map(|d| d.to_string()).as_deref(),
        Some("50.000")
    );
    assert_eq!(p.participants.len(), 1);
    assert_eq!(p.participants[0].vu_number, "5555");
    let RecordKind::CollectionPart(c) = &recs[2].kind else {
        panic!("{:?}", recs[2].kind)
    };
    assert_eq!(c.net_premium, Some(Money::eur(10000)));
    assert_eq!(c.commission, Some(Money::eur(250)));
    assert_eq!(c.period_to, date(2004, 12, 31));
}

#[test]
fn company_specific_records_are_kept_raw() {
    let recs = package();
    let raw = recs.iter().find(|r| r.satzart() == 820).unwrap();
    assert_eq!(raw.kind, RecordKind::Raw(RawReason::CompanySpecific));
    assert_eq!(raw.raw_field(1, 43, 53).as_deref(), Some("Firmendaten"));
}

#[test]
fn unreadable_fields_give_located_problems() {
    let lines = vec![
        fixtures::vorsatz('1'),
        fixtures::contract_td1("7", 100)
            .set(44, "31022004")
            .set(116, "0000000X0100"),
        fixtures::nachsatz(1, 100),
    ];
    let recs = records(&lines);
    let c = &recs[1];
    assert_eq!(c.problems.len(), 2);
    let p = &c.problems[0];
    assert_eq!(
        (p.line, p.column, p.field),
        (2, Some(44), Some("Vertragsbeginn"))
    );
    assert_eq!(p.raw.as_deref(), Some("31022004"));
    assert_eq!(c.problems[1].column, Some(116));
    let RecordKind::Contract(k) = &c.kind else {
        panic!()
    };
    assert_eq!((k.start, k.net_premium), (None, None));
    assert_eq!(k.end, date(2009, 5, 1));
}

#[test]
fn zero_day_and_month_dates() {
    let lines = vec![
        fixtures::vorsatz('1'),
        fixtures::contract_td1("7", 100)
            .set(44, "00052004")
            .set(52, "00002009"),
        fixtures::nachsatz(1, 100),
    ];
    let recs = records(&lines);
    let RecordKind::Contract(k) = &recs[1].kind else {
        panic!()
    };
    assert_eq!(k.start, GdvDate::new(2004, Some(5), None));
    assert_eq!(k.end, GdvDate::new(2009, None, None));
    assert!(recs[1].problems.is_empty());
}
