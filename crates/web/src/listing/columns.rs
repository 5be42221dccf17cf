//! The columns of a list: header, sort, the profile field that hides one,
//! and the columns only staff see (back-office id, tenant).

use kp_app::lists::SortColumn;
use kp_domain::{Actor, Principal};

use super::ListState;

/// Falls back to the default order when the requested one sorts by a
/// column the profile hides: the order alone would reveal its values.
pub fn without_hidden_sort<S: SortColumn + Default>(
    state: &mut ListState<S>,
    columns: &[Column<S>],
    shows: impl Fn(&'static str) -> bool,
) {
    let hidden = columns
        .iter()
        .any(|c| c.sort == Some(state.sort) && c.field.is_some_and(|f| !shows(f)));
    if hidden {
        state.sort = S::default();
    }
}

/// A column only staff see (the detail pages show the same to staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffColumn {
    /// The back office's id of the record (`external_id`).
    BackOffice,
    /// The record's tenant, where the staff member works for several.
    Tenant,
}

/// Whether the staff member's records come from more than one tenant: an
/// administrator (who sees every tenant's records) or a member of several.
pub fn sees_tenants(principal: &Principal) -> bool {
    match &principal.actor {
        Actor::Staff { tenants, .. } => principal.is_admin() || tenants.len() > 1,
        Actor::Portal { .. } => false,
    }
}

/// Whether a column hidden by `field` (a profile field) or shown to staff
/// only (`staff`) is shown to `principal`. Portal users, also a staff
/// member acting as one, never get staff columns.
pub fn shows_column(
    principal: &Principal,
    field: Option<&'static str>,
    staff: Option<StaffColumn>,
) -> bool {
    field.is_none_or(|f| principal.permissions.shows_field(f))
        && match staff {
            None => true,
            Some(StaffColumn::BackOffice) => principal.is_staff(),
            Some(StaffColumn::Tenant) => sees_tenants(principal),
        }
}

/// A column of a list: its header, the sort it offers, the profile
/// field that hides it, and whether only staff see it.
pub struct Column<S> {
    pub label: &'static str,
    pub sort: Option<S>,
    pub field: Option<&'static str>,
    pub staff: Option<StaffColumn>,
    pub numeric: bool,
}

impl<S> Column<S> {
    pub const fn sorted(label: &'static str, sort: S) -> Column<S> {
        Column {
            label,
            sort: Some(sort),
            field: None,
            staff: None,
            numeric: false,
        }
    }

    /// The back office's id, for staff; not sortable.
    pub const fn back_office() -> Column<S> {
        Column {
            label: "col-external-id",
            sort: None,
            field: None,
            staff: Some(StaffColumn::BackOffice),
            numeric: false,
        }
    }

    /// The record's tenant, for staff of several tenants; not sortable.
    pub const fn tenant() -> Column<S> {
        Column {
            label: "col-tenant",
            sort: None,
            field: None,
            staff: Some(StaffColumn::Tenant),
            numeric: false,
        }
    }

    pub const fn hidden_by(mut self, field: &'static str) -> Column<S> {
        self.field = Some(field);
        self
    }

    pub const fn numeric(mut self) -> Column<S> {
        self.numeric = true;
        self
    }
}
