//! The field catalogue (FEATURES D2): every field a permission profile can
//! hide, per record type, with its stable key (what a stored profile
//! keeps) and its label. Lists, detail pages, CSV exports and PDF reports
//! ask [`crate::Permissions::shows_field`] with these constants, and the
//! profile form's checklist is generated from [`CATALOGUE`], so a field
//! added here is offered and must be enforced everywhere it is shown.

use serde::Serialize;

/// The kind of record a field belongs to, in the order the profile form
/// shows the checklists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    Customer,
    Contract,
    Object,
    Claim,
    FinanceItem,
}

impl RecordType {
    pub const ALL: [RecordType; 5] = [
        RecordType::Customer,
        RecordType::Contract,
        RecordType::Object,
        RecordType::Claim,
        RecordType::FinanceItem,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Customer => "customer",
            RecordType::Contract => "contract",
            RecordType::Object => "object",
            RecordType::Claim => "claim",
            RecordType::FinanceItem => "finance_item",
        }
    }
}

/// Where a field's value is shown; the catalogue test checks each of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    /// The record type's list page.
    List,
    /// The record's page (for finance items: the contract's page).
    Detail,
    /// The list's CSV export.
    Csv,
    /// A PDF report (contract sheet, claims list).
    Pdf,
}

/// One field a profile can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Field {
    /// Stable key, `<record>.<field>`, stored in `hidden_fields`.
    pub key: &'static str,
    pub record: RecordType,
    /// Fluent message of the field's label on the profile form.
    pub label: &'static str,
    pub outputs: &'static [Output],
}

pub const CUSTOMER_BANK: &str = "customer.bank";
pub const CONTRACT_INSURER: &str = "contract.insurer";
pub const CONTRACT_PREMIUM: &str = "contract.premium";
pub const CONTRACT_SUM_INSURED: &str = "contract.sum_insured";
pub const CONTRACT_DEDUCTIBLE: &str = "contract.deductible";
pub const OBJECT_VALUE: &str = "object.value";
pub const CLAIM_RESERVE: &str = "claim.reserve";
pub const CLAIM_PAID: &str = "claim.paid";
pub const FINANCE_AMOUNT: &str = "finance.amount";

use Output::{Csv, Detail, List, Pdf};

pub const CATALOGUE: &[Field] = &[
    Field {
        key: CUSTOMER_BANK,
        record: RecordType::Customer,
        label: "field-key-customer-bank",
        outputs: &[Detail],
    },
    Field {
        key: CONTRACT_INSURER,
        record: RecordType::Contract,
        label: "field-key-contract-insurer",
        outputs: &[List, Detail, Csv, Pdf],
    },
    Field {
        key: CONTRACT_PREMIUM,
        record: RecordType::Contract,
        label: "field-key-contract-premium",
        outputs: &[List, Detail, Csv, Pdf],
    },
    Field {
        key: CONTRACT_SUM_INSURED,
        record: RecordType::Contract,
        label: "field-key-contract-sum-insured",
        outputs: &[Detail, Pdf],
    },
    Field {
        key: CONTRACT_DEDUCTIBLE,
        record: RecordType::Contract,
        label: "field-key-contract-deductible",
        outputs: &[Detail, Pdf],
    },
    Field {
        key: OBJECT_VALUE,
        record: RecordType::Object,
        label: "field-key-object-value",
        outputs: &[Detail],
    },
    Field {
        key: CLAIM_RESERVE,
        record: RecordType::Claim,
        label: "field-key-claim-reserve",
        outputs: &[List, Detail, Csv, Pdf],
    },
    Field {
        key: CLAIM_PAID,
        record: RecordType::Claim,
        label: "field-key-claim-paid",
        outputs: &[List, Detail, Csv, Pdf],
    },
    Field {
        key: FINANCE_AMOUNT,
        record: RecordType::FinanceItem,
        label: "field-key-finance-amount",
        outputs: &[List, Detail, Csv],
    },
];

/// The catalogue's entry for a key; `None` for a key this version does
/// not know (a stored profile may carry one: it hides nothing).
pub fn find(key: &str) -> Option<&'static Field> {
    CATALOGUE.iter().find(|f| f.key == key)
}

/// The fields of one record type, in catalogue order.
pub fn of(record: RecordType) -> impl Iterator<Item = &'static Field> {
    CATALOGUE.iter().filter(move |f| f.record == record)
}

/// The known keys among `keys`, each once, in catalogue order: what a
/// profile stores from a form.
pub fn known(keys: &[String]) -> Vec<String> {
    CATALOGUE
        .iter()
        .filter(|f| keys.iter().any(|k| k == f.key))
        .map(|f| f.key.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_name_their_record_type() {
        for (i, f) in CATALOGUE.iter().enumerate() {
            assert!(
                CATALOGUE[..i].iter().all(|g| g.key != f.key),
                "{} twice",
                f.key
            );
            let prefix = match f.record {
                RecordType::FinanceItem => "finance",
                other => other.as_str(),
            };
            assert!(f.key.starts_with(&format!("{prefix}.")), "{}", f.key);
            assert!(!f.outputs.is_empty(), "{} is shown nowhere", f.key);
        }
        assert!(RecordType::ALL.iter().all(|r| of(*r).next().is_some()));
    }

    #[test]
    fn unknown_keys_are_dropped_and_known_ones_kept_once() {
        let stored = vec![
            "claim.paid".to_owned(),
            "contract.colour".to_owned(),
            "claim.paid".to_owned(),
            "contract.premium".to_owned(),
        ];
        assert_eq!(known(&stored), vec!["contract.premium", "claim.paid"]);
        assert!(find("contract.colour").is_none());
        assert_eq!(
            find(OBJECT_VALUE).map(|f| f.record),
            Some(RecordType::Object)
        );
    }
}
