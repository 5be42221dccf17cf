//! The main navigation, built from what the user may use. Entries appear
//! here only once their pages exist.

use kp_domain::Principal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Translation key of the label.
    pub label: &'static str,
    pub href: &'static str,
    pub current: bool,
}

pub fn items(principal: Option<&Principal>, path: &str) -> Vec<NavItem> {
    let Some(principal) = principal else {
        return Vec::new();
    };
    let entries: &[(&str, &str)] = if principal.is_staff() {
        &[("nav-staff-home", "/home")]
    } else {
        &[("nav-home", "/home")]
    };
    entries
        .iter()
        .map(|(label, href)| NavItem {
            label,
            href,
            current: path == *href,
        })
        .collect()
}
