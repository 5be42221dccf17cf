//! One step's answers and their checks. Every refusal names its field and
//! a translation key; the form shows it next to the field with what was
//! typed, and nothing is saved.

use chrono::{NaiveDate, NaiveTime};
use kp_domain::{ClaimType, Currency, LineOfBusiness};

use super::{DraftData, Step};
use crate::mail_templates::editing::plausible_email;
use crate::{AppError, FieldError};

const MAX_PLACE: usize = 300;
const MAX_DESCRIPTION: usize = 10_000;
const MAX_PARTIES: usize = 2_000;
const MAX_SHORT: usize = 100;

/// An amount as typed: parsed in the user's locale by the web layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountInput {
    Empty,
    Minor(i64),
    /// Letters, too many decimals, a negative amount …
    Invalid,
}

/// The answers of one step as the form sent them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepInput {
    Object {
        contract: i64,
        object: Option<i64>,
    },
    Loss {
        date: String,
        time: String,
        place: String,
    },
    Type {
        claim_type: String,
    },
    What {
        description: String,
    },
    Amount {
        amount: AmountInput,
        currency: String,
    },
    Parties {
        third_parties: String,
        police_report: String,
    },
    Contact {
        phone: String,
        email: String,
    },
    /// Leaving the documents step: its files are kept as they arrive.
    Documents,
}

fn error(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

/// A date as a date input sends it (ISO), or typed in German or
/// day/month/year notation where the browser has no date picker.
fn parse_date(text: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
}

impl StepInput {
    pub fn step(&self) -> Step {
        match self {
            StepInput::Object { .. } => Step::Object,
            StepInput::Loss { .. } => Step::Loss,
            StepInput::Type { .. } => Step::Type,
            StepInput::What { .. } => Step::What,
            StepInput::Amount { .. } => Step::Amount,
            StepInput::Parties { .. } => Step::Parties,
            StepInput::Contact { .. } => Step::Contact,
            StepInput::Documents => Step::Documents,
        }
    }

    /// Checks the answers and writes them into `data`; `today` is the
    /// latest date of loss accepted.
    pub(super) fn apply(
        self,
        data: &mut DraftData,
        line: LineOfBusiness,
        today: NaiveDate,
    ) -> Result<(), AppError> {
        let mut errors = Vec::new();
        match self {
            // The contract is checked against the scope by the caller.
            StepInput::Object { .. } | StepInput::Documents => {}
            StepInput::Loss { date, time, place } => {
                let (date, time, place) = (date.trim(), time.trim(), place.trim());
                let parsed = parse_date(date);
                match parsed {
                    _ if date.is_empty() => errors.push(error("date", "form-required")),
                    None => errors.push(error("date", "claim-wizard-error-date")),
                    Some(d) if d > today => errors.push(error("date", "claim-wizard-error-future")),
                    Some(_) => {}
                }
                if !time.is_empty() && NaiveTime::parse_from_str(time, "%H:%M").is_err() {
                    errors.push(error("time", "claim-wizard-error-time"));
                }
                if place.is_empty() {
                    errors.push(error("place", "form-required"));
                } else if too_long(place, MAX_PLACE) {
                    errors.push(error("place", "claim-wizard-error-too-long"));
                }
                if errors.is_empty() {
                    data.date_of_loss = parsed;
                    data.time_of_loss = time.to_owned();
                    data.place = place.to_owned();
                }
            }
            StepInput::Type { claim_type } => match ClaimType::parse(claim_type.trim()) {
                Ok(t) if t.fits(line) => data.claim_type = Some(t),
                _ if claim_type.trim().is_empty() => {
                    errors.push(error("claim_type", "form-required"))
                }
                _ => errors.push(error("claim_type", "claim-wizard-error-type")),
            },
            StepInput::What { description } => {
                let description = description.trim();
                if description.is_empty() {
                    errors.push(error("description", "form-required"));
                } else if too_long(description, MAX_DESCRIPTION) {
                    errors.push(error("description", "claim-wizard-error-too-long"));
                } else {
                    data.description = description.to_owned();
                }
            }
            StepInput::Amount { amount, currency } => {
                let currency = Currency::parse(currency.trim());
                let amount = match amount {
                    AmountInput::Empty => None,
                    AmountInput::Minor(minor) if minor >= 0 => Some(minor),
                    AmountInput::Minor(_) | AmountInput::Invalid => {
                        errors.push(error("amount", "claim-wizard-error-amount"));
                        None
                    }
                };
                match currency {
                    Some(c) if errors.is_empty() => {
                        data.amount_minor = amount;
                        data.currency = c.as_str().to_owned();
                    }
                    Some(_) => {}
                    None => errors.push(error("currency", "claim-wizard-error-currency")),
                }
            }
            StepInput::Parties {
                third_parties,
                police_report,
            } => {
                let (parties, police) = (third_parties.trim(), police_report.trim());
                if too_long(parties, MAX_PARTIES) {
                    errors.push(error("third_parties", "claim-wizard-error-too-long"));
                }
                if too_long(police, MAX_SHORT) {
                    errors.push(error("police_report", "claim-wizard-error-too-long"));
                }
                if errors.is_empty() {
                    data.third_parties = parties.to_owned();
                    data.police_report = police.to_owned();
                }
            }
            StepInput::Contact { phone, email } => {
                let (phone, email) = (phone.trim(), email.trim());
                if phone.is_empty() && email.is_empty() {
                    errors.push(error("email", "claim-wizard-error-contact"));
                }
                if !email.is_empty() && (!plausible_email(email) || too_long(email, 254)) {
                    errors.push(error("email", "claim-wizard-error-email"));
                }
                let phone_ok = phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-/()".contains(c));
                if !phone_ok || too_long(phone, 50) {
                    errors.push(error("phone", "claim-wizard-error-phone"));
                }
                if errors.is_empty() {
                    data.contact_phone = phone.to_owned();
                    data.contact_email = email.to_owned();
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn fields(result: Result<(), AppError>) -> Vec<(&'static str, &'static str)> {
        match result {
            Err(AppError::Validation(e)) => e.into_iter().map(|e| (e.field, e.key)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_date_in_the_future_is_refused_and_nothing_changes() {
        let mut data = DraftData::default();
        let input = StepInput::Loss {
            date: "2026-12-01".into(),
            time: "".into(),
            place: "A7".into(),
        };
        let result = input.apply(&mut data, LineOfBusiness::Motor, today());
        assert_eq!(fields(result), vec![("date", "claim-wizard-error-future")]);
        assert_eq!(data, DraftData::default());
        let input = StepInput::Loss {
            date: "30.11.2026".into(),
            time: "07:45".into(),
            place: "A7".into(),
        };
        input
            .apply(&mut data, LineOfBusiness::Motor, today())
            .unwrap();
        assert_eq!(data.date_of_loss, Some(today()));
        assert_eq!(data.time_of_loss, "07:45");
    }

    #[test]
    fn a_type_outside_the_line_and_a_bad_amount_are_refused() {
        let mut data = DraftData::default();
        let input = StepInput::Type {
            claim_type: "machine_breakdown".into(),
        };
        let result = input.apply(&mut data, LineOfBusiness::Motor, today());
        assert_eq!(
            fields(result),
            vec![("claim_type", "claim-wizard-error-type")]
        );
        let input = StepInput::Amount {
            amount: AmountInput::Invalid,
            currency: "EUR".into(),
        };
        let result = input.apply(&mut data, LineOfBusiness::Motor, today());
        assert_eq!(
            fields(result),
            vec![("amount", "claim-wizard-error-amount")]
        );
        assert_eq!(data.amount_minor, None);
    }
}
