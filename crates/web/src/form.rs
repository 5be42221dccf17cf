//! Field messages of a form that failed validation: the form is shown
//! again with each message next to its field (and linked to it with
//! `aria-describedby`), answered 422.

use std::collections::BTreeMap;

use kp_app::FieldError;
use serde::Serialize;

/// Field name → translation key of its message.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct FormErrors(BTreeMap<&'static str, &'static str>);

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<FieldError>> for FormErrors {
    fn from(errors: Vec<FieldError>) -> Self {
        // The first message per field wins: one thing to fix at a time.
        let mut map = BTreeMap::new();
        for e in errors {
            map.entry(e.field).or_insert(e.key);
        }
        FormErrors(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_message_per_field() {
        let errors = FormErrors::from(vec![
            FieldError {
                field: "email",
                key: "form-required",
            },
            FieldError {
                field: "email",
                key: "other",
            },
        ]);
        let json = serde_json::to_string(&errors).unwrap();
        assert_eq!(json, r#"{"email":"form-required"}"#);
    }
}
