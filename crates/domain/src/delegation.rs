//! Delegated administration (issue 9): an organization's own administrator
//! manages their colleagues, but may never hand out more than they have.
//! These two pure rules decide "is A no broader than B" for permission
//! profiles and for scopes; the application layer applies them to every
//! invitation, profile change and scope change of a delegated admin, and
//! the property tests below check them against a reference evaluator.

use std::collections::BTreeSet;

use crate::codes::{ContractStatus, ContractType, Function, LineOfBusiness, MenuArea};
use crate::fields::CATALOGUE;
use crate::ids::{ClaimId, CustomerId, ObjectId};
use crate::permissions::Permissions;

/// What would exceed the admin's own rights; the first one found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Excess {
    Area(MenuArea),
    Function(Function),
    Field(&'static str),
    Customers,
    ContractTypes,
    Statuses,
    Lines,
    Objects,
    Claims,
}

impl Excess {
    /// A short, stable description for the audit log.
    pub fn describe(&self) -> String {
        match self {
            Excess::Area(a) => format!("area:{}", a.as_str()),
            Excess::Function(f) => format!("function:{}", f.as_str()),
            Excess::Field(k) => format!("field:{k}"),
            Excess::Customers => "scope:customers".to_owned(),
            Excess::ContractTypes => "scope:contract_types".to_owned(),
            Excess::Statuses => "scope:statuses".to_owned(),
            Excess::Lines => "scope:lines".to_owned(),
            Excess::Objects => "scope:objects".to_owned(),
            Excess::Claims => "scope:claims".to_owned(),
        }
    }

    /// Whether the excess is in the profile (else in the scope).
    pub fn is_profile(&self) -> bool {
        matches!(
            self,
            Excess::Area(_) | Excess::Function(_) | Excess::Field(_)
        )
    }
}

/// `requested` is no broader than `own`: every menu area it shows, every
/// function it allows and every catalogue field it shows, `own` shows and
/// allows too. Unknown field keys grant nothing, so only the catalogue
/// counts.
pub fn profile_within(requested: &Permissions, own: &Permissions) -> Result<(), Excess> {
    if let Some(a) = MenuArea::ALL
        .iter()
        .find(|a| requested.shows_area(**a) && !own.shows_area(**a))
    {
        return Err(Excess::Area(*a));
    }
    if let Some(f) = Function::ALL
        .iter()
        .find(|f| requested.allows(**f) && !own.allows(**f))
    {
        return Err(Excess::Function(*f));
    }
    if let Some(field) = CATALOGUE
        .iter()
        .find(|f| requested.shows_field(f.key) && !own.shows_field(f.key))
    {
        return Err(Excess::Field(field.key));
    }
    Ok(())
}

/// A portal user's restrictions within their organization, with the id
/// lists spelled out. `None`: not restricted in that dimension;
/// `Some(empty)`: restricted to nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grant {
    pub customers: Option<BTreeSet<CustomerId>>,
    pub contract_types: Option<BTreeSet<ContractType>>,
    pub statuses: Option<BTreeSet<ContractStatus>>,
    pub lines: Option<BTreeSet<LineOfBusiness>>,
    pub objects: Option<BTreeSet<ObjectId>>,
    pub claims: Option<BTreeSet<ClaimId>>,
}

/// `None ⊆ None`, `Some ⊆ None`, `Some(a) ⊆ Some(b)` when `a ⊆ b`; an
/// unrestricted request under a restricted admin is never within.
fn narrower<T: Ord>(requested: &Option<BTreeSet<T>>, own: &Option<BTreeSet<T>>) -> bool {
    match (requested, own) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(r), Some(o)) => r.is_subset(o),
    }
}

/// `requested` is within `own` (both of the same organization): every
/// dimension the admin is restricted in, the request is restricted in
/// too, to a subset. Every scope condition only narrows (DESIGN "Scope
/// semantics"), so what such a user sees is a subset of what the admin
/// sees, whatever the data.
///
/// One exception keeps it exact: an admin narrowed by object list O is
/// also narrowed in claims (only claims of objects in O), so a request
/// with the same O and no claim list is fine, and is handled by the
/// per-dimension rule already.
pub fn scope_within(requested: &Grant, own: &Grant) -> Result<(), Excess> {
    if !narrower(&requested.customers, &own.customers) {
        return Err(Excess::Customers);
    }
    if !narrower(&requested.contract_types, &own.contract_types) {
        return Err(Excess::ContractTypes);
    }
    if !narrower(&requested.statuses, &own.statuses) {
        return Err(Excess::Statuses);
    }
    if !narrower(&requested.lines, &own.lines) {
        return Err(Excess::Lines);
    }
    if !narrower(&requested.objects, &own.objects) {
        return Err(Excess::Objects);
    }
    if !narrower(&requested.claims, &own.claims) {
        return Err(Excess::Claims);
    }
    Ok(())
}

#[cfg(test)]
#[path = "delegation_tests.rs"]
mod tests;
