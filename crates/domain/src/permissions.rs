//! What a user may use of the portal: the permission profile (FEATURES
//! D2). The scope decides which records a user sees; the profile decides
//! which menu areas, functions and fields they get on top of that. The
//! server enforces both: a disabled function is a rejected request, not
//! only a hidden button.

use serde::Serialize;

use crate::codes::{Function, MenuArea};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Permissions {
    /// The menu areas shown; `None`: every area (staff, users without a
    /// profile).
    areas: Option<Vec<MenuArea>>,
    /// The functions enabled; `None`: every function.
    functions: Option<Vec<Function>>,
    /// Field keys (`contract.premium`, …) the templates leave out.
    hidden_fields: Vec<String>,
}

impl Permissions {
    /// Everything: staff and portal users without a profile.
    pub fn all() -> Permissions {
        Permissions::default()
    }

    pub fn profile(
        areas: Vec<MenuArea>,
        functions: Vec<Function>,
        hidden_fields: Vec<String>,
    ) -> Permissions {
        Permissions {
            areas: Some(areas),
            functions: Some(functions),
            hidden_fields,
        }
    }

    pub fn shows_area(&self, area: MenuArea) -> bool {
        self.areas.as_ref().is_none_or(|a| a.contains(&area))
    }

    /// A function is usable when the profile enables it and shows its area.
    pub fn allows(&self, function: Function) -> bool {
        self.functions
            .as_ref()
            .is_none_or(|f| f.contains(&function))
            && function.area().is_none_or(|a| self.shows_area(a))
    }

    /// A document is shown where the profile shows the documents area and
    /// the area of the record it belongs to.
    pub fn shows_document(&self, context: crate::DocumentContextKind) -> bool {
        self.shows_area(MenuArea::Documents) && context.area().is_none_or(|a| self.shows_area(a))
    }

    /// The kinds of record whose documents the profile shows (see
    /// [`shows_document`](Self::shows_document)); every list and count of
    /// documents is limited to them.
    pub fn shown_document_kinds(&self) -> Vec<crate::DocumentContextKind> {
        crate::DocumentContextKind::ALL
            .into_iter()
            .filter(|k| self.shows_document(*k))
            .collect()
    }

    /// Whether a field of the catalogue ([`crate::fields`]) shows. Keys
    /// the catalogue does not know are never asked, so an unknown key in a
    /// stored profile hides nothing and grants nothing.
    pub fn shows_field(&self, field: &str) -> bool {
        !self.hidden_fields.iter().any(|f| f == field)
    }

    pub fn hidden_fields(&self) -> &[String] {
        &self.hidden_fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_profile_everything_is_allowed() {
        let p = Permissions::all();
        assert!(MenuArea::ALL.iter().all(|a| p.shows_area(*a)));
        assert!(Function::ALL.iter().all(|f| p.allows(*f)));
        assert!(p.shows_field("contract.premium"));
    }

    #[test]
    fn a_hidden_area_disables_its_functions() {
        let p = Permissions::profile(
            vec![MenuArea::Finances, MenuArea::Documents],
            vec![Function::ReportClaim, Function::UploadDocument],
            vec!["contract.premium".to_owned()],
        );
        assert!(p.shows_area(MenuArea::Finances));
        assert!(!p.shows_area(MenuArea::Contracts));
        assert!(p.allows(Function::UploadDocument));
        assert!(!p.allows(Function::ReportClaim), "claims area is hidden");
        assert!(!p.allows(Function::SendMessage), "not enabled");
        assert!(!p.shows_field("contract.premium"));
        assert!(p.shows_field("contract.policy_number"));
    }
}
