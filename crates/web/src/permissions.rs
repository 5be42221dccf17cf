//! The permission profile on the web side: one check for handlers (a
//! disabled function or hidden area answers 403) and the lists the
//! templates ask through `shows()`, `allows()` and `field_shown()`.

use kp_domain::{Function, MenuArea, Principal};
use minijinja::{Error, ErrorKind, State};
use serde::Serialize;

use crate::error::WebError;

/// Refuses a request for a function the user's profile disables: the
/// server enforces what the templates hide.
pub fn require_function(principal: &Principal, function: Function) -> Result<(), WebError> {
    if principal.permissions.allows(function) {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

/// Refuses a page of a menu area the user's profile hides.
pub fn require_area(principal: &Principal, area: MenuArea) -> Result<(), WebError> {
    if principal.permissions.shows_area(area) {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

/// What the templates see of the profile, as explicit lists.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PermissionsView {
    areas: Vec<&'static str>,
    functions: Vec<&'static str>,
    hidden_fields: Vec<String>,
}

impl PermissionsView {
    pub fn of(principal: Option<&Principal>) -> PermissionsView {
        let Some(p) = principal else {
            return PermissionsView::default();
        };
        PermissionsView {
            areas: MenuArea::ALL
                .iter()
                .filter(|a| p.permissions.shows_area(**a))
                .map(|a| a.as_str())
                .collect(),
            functions: Function::ALL
                .iter()
                .filter(|f| p.permissions.allows(**f))
                .map(|f| f.as_str())
                .collect(),
            hidden_fields: p.permissions.hidden_fields().to_vec(),
        }
    }
}

fn listed(state: &State, list: &str, key: &str) -> bool {
    state
        .lookup("permissions")
        .and_then(|p| p.get_attr(list).ok())
        .and_then(|l| {
            l.try_iter()
                .ok()
                .map(|mut i| i.any(|v| v.as_str() == Some(key)))
        })
        .unwrap_or(false)
}

/// `shows("contracts")`: the profile shows the menu area. An unknown name
/// is a template error, so a typo fails the template tests.
pub fn shows(state: &State, area: &str) -> Result<bool, Error> {
    MenuArea::parse(area).map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))?;
    Ok(listed(state, "areas", area))
}

/// `allows("report_claim")`: the profile enables the function.
pub fn allows(state: &State, function: &str) -> Result<bool, Error> {
    Function::parse(function)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))?;
    Ok(listed(state, "functions", function))
}

/// `field_shown("contract.premium")`: the one question templates ask
/// before showing a field a profile may hide. A key the field catalogue
/// does not know is a template error, so a typo fails the template tests
/// instead of showing the field to everyone.
pub fn field_shown(state: &State, field: &str) -> Result<bool, Error> {
    kp_domain::fields::find(field).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("{field:?} is not in the field catalogue"),
        )
    })?;
    Ok(!listed(state, "hidden_fields", field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kp_domain::{
        Actor, CustomerId, Language, Permissions, PortalUserId, Scope, scope::CustomerSet,
    };

    fn principal(permissions: Permissions) -> Principal {
        Principal {
            actor: Actor::Portal {
                id: PortalUserId(1),
                organization: None,
                customer: Some(CustomerId(1)),
            },
            impersonated_by: None,
            name: "C".into(),
            email: "c@example.org".into(),
            language: Language::Fr,
            scope: Scope::customers(CustomerSet::Customer(CustomerId(1))),
            permissions,
        }
    }

    #[test]
    fn disabled_functions_and_hidden_areas_are_refused() {
        let finance = principal(Permissions::profile(
            vec![MenuArea::Finances, MenuArea::Documents],
            vec![Function::UploadDocument],
            vec![],
        ));
        assert!(require_function(&finance, Function::UploadDocument).is_ok());
        assert!(matches!(
            require_function(&finance, Function::ReportClaim),
            Err(WebError::Forbidden)
        ));
        assert!(require_area(&finance, MenuArea::Finances).is_ok());
        assert!(matches!(
            require_area(&finance, MenuArea::Contracts),
            Err(WebError::Forbidden)
        ));
        let everyone = principal(Permissions::all());
        assert!(require_function(&everyone, Function::ReportClaim).is_ok());
    }

    #[test]
    fn templates_ask_the_profile() {
        let mut env = minijinja::Environment::new();
        env.add_function("shows", shows);
        env.add_function("allows", allows);
        env.add_function("field_shown", field_shown);
        let p = principal(Permissions::profile(
            vec![MenuArea::Finances],
            vec![],
            vec!["contract.premium".into()],
        ));
        let ctx = minijinja::context! { permissions => minijinja::Value::from(minijinja::value::Serde(PermissionsView::of(Some(&p)))) };
        let render = |src: &str| env.render_str(src, ctx.clone());
        assert_eq!(
            render("{{ shows('finances') }} {{ shows('contracts') }}").unwrap(),
            "True False"
        );
        assert_eq!(render("{{ allows('report_claim') }}").unwrap(), "False");
        assert_eq!(
            render("{{ field_shown('contract.premium') }} {{ field_shown('claim.paid') }}")
                .unwrap(),
            "False True"
        );
        assert!(render("{{ field_shown('contract.premum') }}").is_err());
        assert!(render("{{ shows('contratcs') }}").is_err(), "typos fail");
    }
}
