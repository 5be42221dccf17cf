//! The organization page's data: the settings form (create or edit), and
//! for an existing organization its customers, the customer search with
//! its results, the logins with the customers each sees (households), the
//! contacts at the broker and the logo.

use kp_app::organization_members::{self as members, Login};
use kp_app::organization_members::{ContactRow, MemberRow};
use kp_app::organizations::{self, OrganizationInput};
use kp_domain::OrganizationId;
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebError;
use crate::form::FormErrors;

#[derive(Serialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

#[derive(Serialize)]
pub struct FormView {
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub require_two_factor: bool,
    pub default_profile: String,
}

impl FormView {
    pub fn of(input: &OrganizationInput) -> FormView {
        FormView {
            name: input.name.clone(),
            kind: input.kind.clone(),
            currency: input.currency.clone(),
            require_two_factor: input.require_two_factor,
            default_profile: input.default_profile.clone(),
        }
    }
}

/// A search result: whether it is already here, or in which other
/// organization.
#[derive(Serialize)]
pub struct Found {
    #[serde(flatten)]
    pub row: MemberRow,
    pub here: bool,
}

#[derive(Serialize)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub checked: bool,
}

#[derive(Serialize)]
pub struct LoginView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub status: String,
    pub stamp: String,
    pub all: bool,
    pub members: Vec<Member>,
}

/// A customer of another organization waiting for "move" to be confirmed.
#[derive(Serialize)]
pub struct MoveConfirm {
    pub customer: i64,
    pub name: String,
    pub other: String,
}

#[derive(Serialize)]
pub struct View {
    /// `None` on the create form.
    pub id: Option<i64>,
    pub form: FormView,
    pub household: bool,
    pub external: bool,
    pub stamp: String,
    pub profiles: Vec<Choice>,
    pub admin: bool,
    pub customers: Vec<MemberRow>,
    pub q: String,
    pub results: Option<Vec<Found>>,
    pub confirm: Option<MoveConfirm>,
    pub logins: Vec<LoginView>,
    pub contacts: Vec<ContactRow>,
    pub staff: Vec<Choice>,
    pub has_logo: bool,
    /// The current logo's address, where there is one.
    pub logo_src: Option<String>,
    pub users: i64,
    pub errors: FormErrors,
    pub notice: Option<&'static str>,
    pub problem: Option<&'static str>,
}

fn profile_choices(list: Vec<(i64, String)>, selected: &str) -> Vec<Choice> {
    list.into_iter()
        .map(|(id, name)| Choice {
            selected: selected == id.to_string(),
            id,
            name,
        })
        .collect()
}

/// The create form showing `input`.
pub async fn new_view(ctx: &PageCtx, input: &OrganizationInput) -> Result<View, WebError> {
    let principal = super::super::staff_users::require_admin(ctx)?;
    let profiles = organizations::profile_choices(&ctx.state.app, principal, None).await?;
    Ok(View {
        id: None,
        form: FormView::of(input),
        household: input.kind == kp_app::organizations::HOUSEHOLD,
        external: false,
        stamp: String::new(),
        profiles: profile_choices(profiles, &input.default_profile),
        admin: true,
        customers: Vec::new(),
        q: String::new(),
        results: None,
        confirm: None,
        logins: Vec::new(),
        contacts: Vec::new(),
        staff: Vec::new(),
        has_logo: false,
        logo_src: None,
        users: 0,
        errors: FormErrors::default(),
        notice: None,
        problem: None,
    })
}

fn login_view(login: Login, customers: &[MemberRow]) -> LoginView {
    let all = login.customers.is_none();
    let chosen = login.customers.unwrap_or_default();
    LoginView {
        id: login.row.id,
        name: login.row.name,
        email: login.row.email,
        status: login.row.status,
        stamp: organizations::stamp(login.row.updated_at),
        members: customers
            .iter()
            .map(|c| Member {
                id: c.id,
                name: c.name.clone(),
                checked: all || chosen.contains(&c.id),
            })
            .collect(),
        all,
    }
}

/// The page of an existing organization; the form shows `input` when
/// given (as typed), else the stored settings; `q` searches customers.
pub async fn edit_view(
    ctx: &PageCtx,
    id: OrganizationId,
    input: Option<&OrganizationInput>,
    q: &str,
) -> Result<View, WebError> {
    let principal = super::super::staff_users::require_staff(ctx)?;
    let app = &ctx.state.app;
    let row = organizations::get(app, principal, id).await?;
    let stored = OrganizationInput::of(&row);
    let input = input.unwrap_or(&stored);
    let admin = principal.is_admin();
    let customers = members::customers(app, principal, id).await?;
    let results = if q.trim().is_empty() {
        None
    } else {
        Some(
            members::search(app, principal, q)
                .await?
                .into_iter()
                .map(|r| Found {
                    here: r.organization_id == Some(id.0),
                    row: r,
                })
                .collect(),
        )
    };
    let logins = members::logins(app, principal, id)
        .await?
        .into_iter()
        .map(|l| login_view(l, &customers))
        .collect();
    let (profiles, staff) = if admin {
        let profiles = organizations::profile_choices(app, principal, Some(id)).await?;
        let staff = members::contact_choices(app, principal).await?;
        (
            profile_choices(profiles, &input.default_profile),
            staff
                .into_iter()
                .map(|(id, name)| Choice {
                    id,
                    name,
                    selected: false,
                })
                .collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(View {
        id: Some(id.0),
        form: FormView::of(input),
        household: organizations::is_household(&row),
        external: row.external_id.is_some(),
        stamp: organizations::stamp(row.updated_at),
        profiles,
        admin,
        customers,
        q: q.to_owned(),
        results,
        confirm: None,
        logins,
        contacts: members::contacts(app, principal, id).await?,
        staff,
        has_logo: row.logo_storage_key.is_some(),
        logo_src: row
            .logo_storage_key
            .as_deref()
            .map(|k| super::logo::src(id.0, k)),
        users: row.users,
        errors: FormErrors::default(),
        notice: None,
        problem: None,
    })
}
