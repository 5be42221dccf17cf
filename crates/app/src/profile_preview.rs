//! What a permission profile shows (D2): the portal as a user of an
//! organization with that profile sees it. The lists are read by
//! [`crate::profile_preview_lists`]; the sample record is read
//! through the same use case the portal's contract page uses
//! ([`crate::contracts::detail`]) with a principal that has the
//! organization's scope and the profile's permissions, so hidden fields
//! are removed by the same code that removes them for the real users.

use kp_domain::{
    Actor, CustomerSet, Language, OrganizationId, PermissionProfileId, PortalUserId, Principal,
    Scope,
};
use kp_storage::invitations;
use kp_storage::lists::Page;
use kp_storage::lists::contracts::{self as contract_list, ContractQuery};

use crate::contracts::{self, ContractPage};
use crate::profile_preview_lists::{self, Samples};
use crate::profiles::{self, Profile};
use crate::staff_view;
use crate::{App, AppError};

/// Contracts of the organization looked at for one the administrator may
/// see too (an organization's customers can span tenants).
const SAMPLE_CANDIDATES: u32 = 20;

pub struct Preview {
    pub profile: Profile,
    /// The organization the preview shows (for a broker-wide profile the
    /// one chosen, else the first of the administrator's).
    pub organization: Option<(OrganizationId, String)>,
    /// A user of that organization with the profile; no real user.
    pub principal: Option<Principal>,
    /// The organization's first contract as that user sees it.
    pub sample: Option<ContractPage>,
    /// The first rows of each list the user has.
    pub lists: Samples,
}

/// The preview of a profile; `organization` picks the organization of a
/// broker-wide one (ignored for an organization's own profile, refused
/// outside the administrator's organizations).
pub async fn preview(
    app: &App,
    principal: &Principal,
    id: PermissionProfileId,
    organization: Option<OrganizationId>,
) -> Result<Preview, AppError> {
    let view = staff_view::admin(principal)?;
    let profile = profiles::get(app, principal, id).await?;
    let visible = invitations::organizations(&app.db, &view.scope).await?;
    let organization = match (&profile.organization, organization) {
        (Some(own), _) => Some(own.clone()),
        (None, Some(chosen)) => Some(
            visible
                .into_iter()
                .find(|(o, _)| *o == chosen)
                .ok_or(AppError::NotFound)?,
        ),
        (None, None) => visible.into_iter().next(),
    };
    let Some((org, _)) = &organization else {
        return Ok(Preview {
            profile,
            organization,
            principal: None,
            sample: None,
            lists: Samples::default(),
        });
    };
    let user = Principal {
        actor: Actor::Portal {
            id: PortalUserId(0),
            organization: Some(*org),
            customer: None,
        },
        impersonated_by: None,
        name: String::new(),
        email: String::new(),
        language: Language::default(),
        scope: Scope::customers(CustomerSet::Organization(*org)),
        permissions: profile.permissions(),
    };
    let sample = sample(app, &view.scope, &user).await?;
    let lists = profile_preview_lists::samples(app, &view.scope, &user).await?;
    Ok(Preview {
        profile,
        organization,
        principal: Some(user),
        sample,
        lists,
    })
}

async fn sample(
    app: &App,
    staff_scope: &Scope,
    user: &Principal,
) -> Result<Option<ContractPage>, AppError> {
    let query = ContractQuery {
        page: Some(Page {
            number: 1,
            size: SAMPLE_CANDIDATES,
        }),
        ..Default::default()
    };
    let (rows, _) = contract_list::list(&app.db, &user.scope, &query).await?;
    for row in rows {
        let id = kp_domain::ContractId(row.id);
        if kp_storage::contracts::detail(&app.db, staff_scope, id)
            .await?
            .is_some()
        {
            return Ok(Some(contracts::detail(app, user, id).await?));
        }
    }
    Ok(None)
}
