//! The main navigation, built from the user's permission profile: an area
//! the profile hides has no entry. Entries appear here only once their
//! pages exist.

use kp_domain::{MenuArea, Principal};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Translation key of the label.
    pub label: &'static str,
    pub href: &'static str,
    pub current: bool,
}

struct Entry {
    /// The menu area the entry belongs to; `None`: always shown.
    area: Option<MenuArea>,
    label: &'static str,
    staff_label: &'static str,
    href: &'static str,
}

const ENTRIES: &[Entry] = &[
    Entry {
        area: None,
        label: "nav-home",
        staff_label: "nav-staff-home",
        href: "/home",
    },
    Entry {
        area: Some(MenuArea::Contracts),
        label: "nav-contracts",
        staff_label: "nav-contracts",
        href: "/contracts",
    },
    // Everyone may reach the broker, whatever the profile shows.
    Entry {
        area: None,
        label: "nav-contact",
        staff_label: "nav-contact",
        href: "/contact",
    },
];

pub fn items(principal: Option<&Principal>, path: &str) -> Vec<NavItem> {
    let Some(principal) = principal else {
        return Vec::new();
    };
    ENTRIES
        .iter()
        .filter(|e| e.area.is_none_or(|a| principal.permissions.shows_area(a)))
        .map(|e| NavItem {
            label: if principal.is_staff() {
                e.staff_label
            } else {
                e.label
            },
            href: e.href,
            current: path == e.href || path.starts_with(&format!("{}/", e.href)),
        })
        .collect()
}
