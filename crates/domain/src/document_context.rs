//! What a document belongs to, by its most specific record, and which menu
//! area that record lives in: a document is shown only where the profile
//! shows the area of its record (a finance-only profile sees invoices, not
//! policy documents), on top of the scope.

use crate::codes::MenuArea;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentContextKind {
    Customer,
    Contract,
    Object,
    Claim,
    Finance,
}

impl DocumentContextKind {
    pub const ALL: [DocumentContextKind; 5] = [
        DocumentContextKind::Customer,
        DocumentContextKind::Contract,
        DocumentContextKind::Object,
        DocumentContextKind::Claim,
        DocumentContextKind::Finance,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DocumentContextKind::Customer => "customer",
            DocumentContextKind::Contract => "contract",
            DocumentContextKind::Object => "object",
            DocumentContextKind::Claim => "claim",
            DocumentContextKind::Finance => "finance",
        }
    }

    pub fn parse(key: &str) -> Option<DocumentContextKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The most specific of the record ids a document carries.
    pub fn of(
        contract: Option<i64>,
        object: Option<i64>,
        claim: Option<i64>,
        finance_item: Option<i64>,
    ) -> DocumentContextKind {
        if claim.is_some() {
            DocumentContextKind::Claim
        } else if object.is_some() {
            DocumentContextKind::Object
        } else if finance_item.is_some() {
            DocumentContextKind::Finance
        } else if contract.is_some() {
            DocumentContextKind::Contract
        } else {
            DocumentContextKind::Customer
        }
    }

    /// The menu area of the record; customer-level documents belong to the
    /// documents area alone.
    pub fn area(self) -> Option<MenuArea> {
        match self {
            DocumentContextKind::Customer => None,
            DocumentContextKind::Contract => Some(MenuArea::Contracts),
            DocumentContextKind::Object => Some(MenuArea::Objects),
            DocumentContextKind::Claim => Some(MenuArea::Claims),
            DocumentContextKind::Finance => Some(MenuArea::Finances),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_record_decides() {
        use DocumentContextKind as K;
        assert_eq!(K::of(Some(1), Some(2), Some(3), None), K::Claim);
        assert_eq!(K::of(Some(1), Some(2), None, None), K::Object);
        assert_eq!(K::of(Some(1), None, None, Some(4)), K::Finance);
        assert_eq!(K::of(Some(1), None, None, None), K::Contract);
        assert_eq!(K::of(None, None, None, None), K::Customer);
        for k in K::ALL {
            assert_eq!(K::parse(k.key()), Some(k));
        }
    }
}
