use super::*;
use kp_app::lists::ContractSort;

fn state(query: &[(&str, &str)]) -> ListState<ContractSort> {
    let pairs = query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    ListState::read(Params::new(pairs), Language::De)
}

#[test]
fn the_list_state_survives_in_the_url() {
    let mut s = state(&[
        ("q", " Halle 7 "),
        ("status", "active"),
        ("sort", "premium"),
        ("dir", "desc"),
        ("page", "3"),
    ]);
    assert_eq!(
        s.code("status", kp_domain::ContractStatus::parse),
        Some(kp_domain::ContractStatus::Active)
    );
    assert_eq!(s.search.as_deref(), Some("Halle 7"));
    assert_eq!(s.page, 3);
    assert_eq!(
        s.href("/contracts", s.sort, s.descending, 4),
        "/contracts?q=Halle%207&status=active&sort=premium&dir=desc&page=4"
    );
    assert_eq!(
        s.export_href("/contracts"),
        "/contracts.csv?q=Halle%207&status=active&sort=premium&dir=desc"
    );
}

#[test]
fn bad_values_get_a_message_and_stay_out_of_links() {
    let mut s = state(&[
        ("status", "no-such"),
        ("start_from", "gestern"),
        ("premium_from", "12a"),
        ("due_from", "2026-05-01"),
        ("due_to", "2026-01-01"),
    ]);
    assert_eq!(s.code("status", kp_domain::ContractStatus::parse), None);
    let dates = s.date_range("start_from", "start_to");
    assert!(dates.is_open());
    assert_eq!(s.amount("premium_from"), None);
    let due = s.date_range("due_from", "due_to");
    assert!(due.from.is_some() && due.to.is_none());
    assert_eq!(s.errors.get("status"), Some(&"filter-invalid-choice"));
    assert_eq!(s.errors.get("start_from"), Some(&"filter-invalid-date"));
    assert_eq!(s.errors.get("premium_from"), Some(&"filter-invalid-amount"));
    assert_eq!(s.errors.get("due_to"), Some(&"filter-range-reversed"));
    assert_eq!(
        s.href("/x", s.sort, false, 1),
        "/x?due_from=2026-05-01&sort=number"
    );
    assert_eq!(
        s.typed.get("start_from").map(String::as_str),
        Some("gestern")
    );
}
