//! The staff search box (issue 7): one text looked up in the customers,
//! contracts, insured objects and claims of the staff member's tenants.
//! Portal users have no search box; for them the search does not exist.

use kp_domain::Principal;
pub use kp_storage::search::{
    ClaimHit, ContractHit, CustomerHit, Found, GROUP_LIMIT, ObjectHit, Results, plate_key,
};

use crate::{App, AppError};

/// Shorter texts match too much to be useful (and cost a full scan).
pub const MIN_CHARS: usize = 2;
/// Longer texts are cut; no number or name searched for is this long.
pub const MAX_CHARS: usize = 100;

/// What the box was given, once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchText {
    /// Nothing typed.
    Empty,
    /// Fewer than [`MIN_CHARS`] characters; not searched.
    TooShort(String),
    Text(String),
}

impl SearchText {
    /// Trims the text and cuts it to [`MAX_CHARS`] characters.
    pub fn read(raw: &str) -> SearchText {
        let text: String = raw.trim().chars().take(MAX_CHARS).collect();
        let text = text.trim_end().to_owned();
        match text.chars().count() {
            0 => SearchText::Empty,
            n if n < MIN_CHARS => SearchText::TooShort(text),
            _ => SearchText::Text(text),
        }
    }
}

/// The records of each kind matching `text` within the principal's scope;
/// `NotFound` for a portal user (also one a staff member impersonates).
pub async fn search(app: &App, principal: &Principal, text: &str) -> Result<Results, AppError> {
    if !principal.is_staff() {
        return Err(AppError::NotFound);
    }
    Ok(kp_storage::search::search(&app.db, &principal.scope, text).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_cut_and_checked_for_length() {
        assert_eq!(SearchText::read("   "), SearchText::Empty);
        assert_eq!(SearchText::read(" a "), SearchText::TooShort("a".into()));
        assert_eq!(SearchText::read(" ab "), SearchText::Text("ab".into()));
        let long = "x".repeat(MAX_CHARS + 20);
        assert_eq!(
            SearchText::read(&long),
            SearchText::Text("x".repeat(MAX_CHARS))
        );
    }
}
