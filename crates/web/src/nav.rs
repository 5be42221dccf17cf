//! The main navigation, built from the user's permission profile: an area
//! the profile hides has no entry. Entries appear here only once their
//! pages exist.

use kp_domain::{Actor, MenuArea, Principal};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Translation key of the label.
    pub label: &'static str,
    pub href: &'static str,
    pub current: bool,
    /// A number shown with the label (the staff member's open tasks).
    pub count: Option<i64>,
}

struct Entry {
    /// The menu area the entry belongs to; `None`: always shown.
    area: Option<MenuArea>,
    label: &'static str,
    staff_label: &'static str,
    href: &'static str,
    who: Who,
}

const ENTRIES: &[Entry] = &[
    Entry {
        area: None,
        label: "nav-home",
        staff_label: "nav-staff-home",
        href: "/home",
        who: Who::Everyone,
    },
    // Customer master data goes with the contract view.
    Entry {
        area: Some(MenuArea::Contracts),
        label: "nav-customers",
        staff_label: "nav-customers",
        href: "/customers",
        who: Who::WithCustomerList,
    },
    Entry {
        area: Some(MenuArea::Contracts),
        label: "nav-contracts",
        staff_label: "nav-contracts",
        href: "/contracts",
        who: Who::Everyone,
    },
    Entry {
        area: Some(MenuArea::Objects),
        label: "nav-objects",
        staff_label: "nav-objects",
        href: "/objects",
        who: Who::Everyone,
    },
    Entry {
        area: Some(MenuArea::Claims),
        label: "nav-claims",
        staff_label: "nav-claims",
        href: "/claims",
        who: Who::Everyone,
    },
    Entry {
        area: Some(MenuArea::Documents),
        label: "nav-documents",
        staff_label: "nav-documents",
        href: "/documents",
        who: Who::Everyone,
    },
    Entry {
        area: Some(MenuArea::Finances),
        label: "nav-finances",
        staff_label: "nav-finances",
        href: "/finances",
        who: Who::Everyone,
    },
    // Everyone may reach the broker, whatever the profile shows.
    Entry {
        area: None,
        label: "nav-contact",
        staff_label: "nav-contact",
        href: "/contact",
        who: Who::Everyone,
    },
    // Delegated administration: an organization's own administrator.
    Entry {
        area: Some(MenuArea::Administration),
        label: "nav-org-admin",
        staff_label: "nav-org-admin",
        href: "/admin/users",
        who: Who::OrgAdmin,
    },
    // The staff task inbox (B11), with the number of the member's open tasks.
    Entry {
        area: None,
        label: "nav-tasks",
        staff_label: "nav-tasks",
        href: "/staff/tasks",
        who: Who::Staff,
    },
    // The staff's work items of self-registration.
    Entry {
        area: None,
        label: "nav-registrations",
        staff_label: "nav-registrations",
        href: "/registrations",
        who: Who::Staff,
    },
    Entry {
        area: None,
        label: "nav-rates",
        staff_label: "nav-rates",
        href: "/settings/rates",
        who: Who::StaffAdmin,
    },
    Entry {
        area: None,
        label: "nav-invitations",
        staff_label: "nav-invitations",
        href: "/invitations",
        who: Who::Staff,
    },
    // User administration (D1) and the audit log.
    Entry {
        area: None,
        label: "nav-users",
        staff_label: "nav-users",
        href: "/staff/users",
        who: Who::Staff,
    },
    Entry {
        area: None,
        label: "nav-staff-users",
        staff_label: "nav-staff-users",
        href: "/staff/staff-users",
        who: Who::StaffAdmin,
    },
    Entry {
        area: None,
        label: "nav-organizations",
        staff_label: "nav-organizations",
        href: "/staff/organizations",
        who: Who::Staff,
    },
    Entry {
        area: None,
        label: "nav-profiles",
        staff_label: "nav-profiles",
        href: "/staff/profiles",
        who: Who::StaffAdmin,
    },
    Entry {
        area: None,
        label: "nav-audit",
        staff_label: "nav-audit",
        href: "/staff/audit",
        who: Who::StaffAdmin,
    },
    Entry {
        area: None,
        label: "nav-imports",
        staff_label: "nav-imports",
        href: "/settings/imports",
        who: Who::Staff,
    },
];

/// Who an entry is for beyond the menu area.
#[derive(Clone, Copy)]
enum Who {
    Everyone,
    /// Staff and organization users; a private customer's only customer
    /// is themselves.
    WithCustomerList,
    /// Staff administrators (broker settings).
    StaffAdmin,
    /// Organization users whose profile allows managing users.
    OrgAdmin,
    /// Staff of any role (not while impersonating a portal user); each
    /// sees their tenants' records.
    Staff,
}

impl Who {
    fn includes(self, principal: &Principal) -> bool {
        match self {
            Who::Everyone => true,
            Who::WithCustomerList => !matches!(
                principal.actor,
                Actor::Portal {
                    organization: None,
                    ..
                }
            ),
            Who::StaffAdmin => principal.is_admin(),
            Who::OrgAdmin => {
                matches!(
                    principal.actor,
                    Actor::Portal {
                        organization: Some(_),
                        ..
                    }
                ) && principal
                    .permissions
                    .allows(kp_domain::Function::ManageUsers)
            }
            Who::Staff => principal.is_staff(),
        }
    }
}

/// The entries for `principal`; `open_tasks` is shown with "Tasks".
pub fn items(principal: Option<&Principal>, path: &str, open_tasks: Option<i64>) -> Vec<NavItem> {
    let Some(principal) = principal else {
        return Vec::new();
    };
    ENTRIES
        .iter()
        .filter(|e| e.area.is_none_or(|a| principal.permissions.shows_area(a)))
        .filter(|e| e.who.includes(principal))
        .map(|e| NavItem {
            label: if principal.is_staff() {
                e.staff_label
            } else {
                e.label
            },
            href: e.href,
            current: path == e.href || path.starts_with(&format!("{}/", e.href)),
            count: (e.href == "/staff/tasks").then_some(open_tasks).flatten(),
        })
        .collect()
}
