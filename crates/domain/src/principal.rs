//! Who acts: a staff user or a portal user, possibly a staff user viewing
//! the portal as a customer user (impersonation), with the scope that
//! follows from it.

use crate::codes::StaffRole;
use crate::ids::{CustomerId, OrganizationId, PortalUserId, StaffUserId, TenantId};
use crate::language::Language;
use crate::permissions::Permissions;
use crate::scope::{CustomerSet, Scope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Staff {
        id: StaffUserId,
        role: StaffRole,
        tenants: Vec<TenantId>,
    },
    Portal {
        id: PortalUserId,
        organization: Option<OrganizationId>,
        customer: Option<CustomerId>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The identity whose view and rights apply.
    pub actor: Actor,
    /// The staff user really at the keyboard when `actor` is impersonated;
    /// every audited action records both.
    pub impersonated_by: Option<StaffUserId>,
    pub name: String,
    pub email: String,
    pub language: Language,
    pub scope: Scope,
    /// Menu areas, functions and fields of the user's permission profile.
    pub permissions: Permissions,
}

impl Principal {
    pub fn is_staff(&self) -> bool {
        matches!(self.actor, Actor::Staff { .. })
    }

    pub fn is_admin(&self) -> bool {
        matches!(
            self.actor,
            Actor::Staff {
                role: StaffRole::Admin,
                ..
            }
        )
    }

    /// The scope a staff member gets from their role and tenants.
    pub fn staff_scope(role: StaffRole, tenants: &[TenantId]) -> Scope {
        match role {
            StaffRole::Admin => Scope::everything(),
            _ => Scope::customers(CustomerSet::Tenants(tenants.to_vec())),
        }
    }
}
