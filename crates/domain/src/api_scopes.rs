//! What an API token of the back office may do (issue 11): read or write
//! one resource of the sync API, read the event feed, run imports.

/// The resources of the sync API.
pub const RESOURCES: &[&str] = &[
    "tenants",
    "staff",
    "customers",
    "organizations",
    "contracts",
    "objects",
    "claims",
    "finance",
    "rates",
    "documents",
];

/// Scopes that stand alone, without a resource.
pub const PLAIN: &[&str] = &["events", "imports"];

/// Whether `scope` is `read:<resource>`, `write:<resource>` or a plain
/// scope.
pub fn is_known(scope: &str) -> bool {
    if PLAIN.contains(&scope) {
        return true;
    }
    match scope.split_once(':') {
        Some(("read" | "write", resource)) => RESOURCES.contains(&resource),
        _ => false,
    }
}

/// Every scope, for help texts and error messages.
pub fn all() -> Vec<String> {
    let mut out: Vec<String> = RESOURCES
        .iter()
        .flat_map(|r| [format!("read:{r}"), format!("write:{r}")])
        .collect();
    out.extend(PLAIN.iter().map(|s| (*s).to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_read_or_write_of_a_resource_or_plain() {
        assert!(is_known("read:contracts"));
        assert!(is_known("write:documents"));
        assert!(is_known("events"));
        assert!(!is_known("read:everything"));
        assert!(!is_known("delete:contracts"));
        assert!(!is_known("contracts"));
        assert_eq!(all().len(), RESOURCES.len() * 2 + PLAIN.len());
        assert!(all().iter().all(|s| is_known(s)));
    }
}
