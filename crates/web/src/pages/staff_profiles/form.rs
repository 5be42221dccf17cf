//! The profile form: what it sends (`input_of`) and the checklists it
//! shows (`FormView`), generated from the vocabularies and the field
//! catalogue so that a new menu area, function or field appears without
//! touching the template.

use kp_app::profiles::ProfileInput;
use kp_domain::fields::{self, RecordType};
use kp_domain::{Function, MenuArea};
use serde::Serialize;

/// One checkbox: the key it sends, its label and whether it is ticked.
#[derive(Serialize)]
pub struct Check {
    pub key: &'static str,
    pub label: String,
    pub checked: bool,
}

/// The fields of one record type.
#[derive(Serialize)]
pub struct RecordChecks {
    pub record: &'static str,
    pub fields: Vec<Check>,
}

#[derive(Serialize)]
pub struct FormView {
    pub name: String,
    pub areas: Vec<Check>,
    pub functions: Vec<Check>,
    pub records: Vec<RecordChecks>,
}

impl FormView {
    /// The form showing `input` (stored or as typed).
    pub fn of(input: &ProfileInput) -> FormView {
        let has = |list: &[String], key: &str| list.iter().any(|k| k == key);
        FormView {
            name: input.name.clone(),
            areas: MenuArea::ALL
                .iter()
                .map(|a| Check {
                    key: a.as_str(),
                    label: format!("area-{}", a.as_str()),
                    checked: has(&input.areas, a.as_str()),
                })
                .collect(),
            functions: Function::ALL
                .iter()
                .map(|f| Check {
                    key: f.as_str(),
                    label: format!("function-{}", f.as_str()),
                    checked: has(&input.functions, f.as_str()),
                })
                .collect(),
            records: RecordType::ALL
                .iter()
                .map(|r| RecordChecks {
                    record: r.as_str(),
                    fields: fields::of(*r)
                        .map(|f| Check {
                            key: f.key,
                            label: f.label.to_owned(),
                            checked: !has(&input.hidden_fields, f.key),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn all<'a>(fields: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a String> {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The first value of a form field, or empty.
pub fn one(fields: &[(String, String)], name: &str) -> String {
    all(fields, name).next().cloned().unwrap_or_default()
}

/// The form as sent: the ticked areas and functions, and as hidden fields
/// the catalogue's fields left unticked (checked means visible).
pub fn input_of(fields: &[(String, String)]) -> ProfileInput {
    let shown: Vec<&String> = all(fields, "field").collect();
    ProfileInput {
        name: one(fields, "name"),
        areas: all(fields, "area").cloned().collect(),
        functions: all(fields, "function").cloned().collect(),
        hidden_fields: fields::CATALOGUE
            .iter()
            .filter(|f| !shown.iter().any(|s| s.as_str() == f.key))
            .map(|f| f.key.to_owned())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unticked_fields_are_hidden_and_unknown_ones_ignored() {
        let sent = [
            ("name", "Finance"),
            ("area", "finances"),
            ("function", "export_data"),
            ("field", fields::FINANCE_AMOUNT),
            ("field", "contract.colour"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let input = input_of(&sent);
        assert_eq!(input.areas, vec!["finances"]);
        assert!(
            !input
                .hidden_fields
                .iter()
                .any(|k| k == fields::FINANCE_AMOUNT)
        );
        assert!(input.hidden_fields.iter().any(|k| k == fields::CLAIM_PAID));
        assert_eq!(input.hidden_fields.len(), fields::CATALOGUE.len() - 1);
        let view = FormView::of(&input);
        let amount = view
            .records
            .iter()
            .flat_map(|r| &r.fields)
            .find(|c| c.key == fields::FINANCE_AMOUNT);
        assert!(amount.is_some_and(|c| c.checked));
    }
}
