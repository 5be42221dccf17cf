//! `/staff/profiles/{id}/preview`: the portal as a user with the profile
//! sees it — the menu as the portal builds it, the first rows of every
//! list the profile shows (the list pages' own row templates and columns),
//! the organization's first contract rendered with the contract page's own
//! template part, and the function buttons the profile allows, inert —
//! plus the menu areas, functions and hidden fields as lists. The values
//! come from the portal's use cases with a principal of the organization
//! that has the profile; nothing is written.

use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse};
use kp_app::exchange_rates;
use kp_app::profile_preview;
use kp_domain::fields::{self, RecordType};
use kp_domain::{Function, MenuArea, OrganizationId, PermissionProfileId};
use serde::{Deserialize, Serialize};

use super::list::{OrganizationChoice, organization_choices};
use super::preview_lists::{self, Buttons, Lists};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::nav::NavItem;
use crate::pages::contracts::{ContractConverted, converted};
use crate::pages::parse_id;
use crate::pages::staff_users::require_admin;
use crate::permissions::PermissionsView;

#[derive(Serialize)]
struct Item {
    label: String,
    on: bool,
}

#[derive(Serialize)]
struct HiddenGroup {
    record: &'static str,
    labels: Vec<&'static str>,
}

#[derive(Serialize)]
struct Sample {
    contract: kp_app::contracts::ContractDetail,
    converted: ContractConverted,
}

#[derive(Serialize)]
struct View {
    id: i64,
    name: String,
    broker_wide: bool,
    organization: Option<String>,
    organizations: Vec<OrganizationChoice>,
    areas: Vec<Item>,
    functions: Vec<Item>,
    hidden: Vec<HiddenGroup>,
    sample: Option<Sample>,
    /// Whether users with the profile see contracts at all.
    contracts_shown: bool,
    /// What the sample is rendered with: the profile's, not the staff
    /// member's, permissions.
    preview_permissions: PermissionsView,
    /// The user's menu; empty when there is no organization to preview.
    menu: Vec<NavItem>,
    lists: Option<Lists>,
    buttons: Option<Buttons>,
}

#[derive(Deserialize)]
pub(super) struct PreviewQuery {
    organization: Option<String>,
}

pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<PreviewQuery>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = parse_id(&id)
        .map(PermissionProfileId)
        .ok_or(WebError::NotFound)?;
    let chosen = q.organization.as_deref().and_then(parse_id);
    let app = &ctx.state.app;
    let p = profile_preview::preview(app, principal, id, chosen.map(OrganizationId)).await?;
    let permissions = p.profile.permissions();
    let (mut menu, mut lists, mut buttons) = (Vec::new(), None, None);
    if let Some(user) = &p.principal {
        menu = preview_lists::menu(user);
        lists = Some(preview_lists::lists(app, ctx.language, user, &p.lists).await?);
        let sheet_offered = match &p.sample {
            Some(page) => {
                kp_app::report_settings::for_contract(
                    app,
                    user,
                    kp_domain::ContractId(page.contract.id),
                )
                .await?
                .contract_sheet
            }
            None => false,
        };
        buttons = Some(preview_lists::buttons(user, &p.lists, sheet_offered));
    }
    let sample = match (&p.principal, p.sample) {
        (Some(user), Some(page)) => {
            let currency = exchange_rates::profile(app, user).await?;
            Some(Sample {
                converted: converted(currency.as_ref(), user, &page),
                contract: page.contract,
            })
        }
        _ => None,
    };
    let broker_wide = p.profile.organization.is_none();
    let view = View {
        id: id.0,
        organizations: if broker_wide {
            organization_choices(&ctx, p.organization.as_ref().map(|(o, _)| o.0)).await?
        } else {
            Vec::new()
        },
        broker_wide,
        organization: p.organization.map(|(_, name)| name),
        areas: MenuArea::ALL
            .iter()
            .map(|a| Item {
                label: format!("area-{}", a.as_str()),
                on: permissions.shows_area(*a),
            })
            .collect(),
        functions: Function::ALL
            .iter()
            .map(|f| Item {
                label: format!("function-{}", f.as_str()),
                on: permissions.allows(*f),
            })
            .collect(),
        hidden: RecordType::ALL
            .iter()
            .map(|r| HiddenGroup {
                record: r.as_str(),
                labels: fields::of(*r)
                    .filter(|f| !permissions.shows_field(f.key))
                    .map(|f| f.label)
                    .collect(),
            })
            .filter(|g| !g.labels.is_empty())
            .collect(),
        sample,
        contracts_shown: permissions.shows_area(MenuArea::Contracts),
        preview_permissions: PermissionsView::of(p.principal.as_ref()),
        menu,
        lists,
        buttons,
        name: p.profile.name,
    };
    Ok(Html(ctx.render(
        "pages/staff_profile_preview.html",
        "profiles-preview-title",
        view,
    )?)
    .into_response())
}
