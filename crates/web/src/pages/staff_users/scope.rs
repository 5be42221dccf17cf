//! `/staff/users/{id}/scope`: what a portal user sees (D3) — a summary of
//! the contracts, objects and claims their next request shows, and the
//! restrictions to customers of the organization, contract types,
//! statuses and lines of business (each "all" or "only these"), with links
//! to the object and claim pickers. The form carries the user's
//! `updated_at`; a stale or refused form is shown again as entered and
//! changes nothing.

use std::net::IpAddr;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::staff_view::stamp;
use kp_app::user_scope::{self, Changed, ScopeForm};
use kp_domain::{ContractStatus, ContractType, LineOfBusiness};
use serde::{Deserialize, Serialize};

use super::require_staff;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::format::number;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;

#[derive(Serialize)]
struct CodeOption {
    value: String,
    label: String,
    checked: bool,
}

/// One "all" / "only these" group of the form.
#[derive(Serialize)]
struct Group {
    /// The form field of the checkboxes; `<field>_mode` is the radio.
    field: &'static str,
    legend: &'static str,
    only: bool,
    options: Vec<CodeOption>,
}

#[derive(Serialize)]
struct Counts {
    contracts: String,
    objects: String,
    claims: String,
}

#[derive(Serialize)]
struct View {
    id: i64,
    name: String,
    stamp: String,
    counts: Counts,
    groups: Vec<Group>,
    objects: Option<String>,
    claims: Option<String>,
    notice: bool,
    problem: Option<&'static str>,
}

#[derive(Deserialize)]
pub(super) struct ShowQuery {
    done: Option<String>,
}

pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    render(&ctx, &id, q.done.is_some(), None, None).await
}

/// A group of codes; `chosen` is `None` for "all".
fn group(
    field: &'static str,
    legend: &'static str,
    all: &[&'static str],
    chosen: Option<&[String]>,
    label: impl Fn(&str) -> String,
) -> Group {
    Group {
        field,
        legend,
        only: chosen.is_some(),
        options: all
            .iter()
            .map(|c| CodeOption {
                value: (*c).to_owned(),
                label: label(c),
                checked: chosen.is_some_and(|l| l.iter().any(|x| x == c)),
            })
            .collect(),
    }
}

fn code_strings<T: Copy>(list: Option<&Vec<T>>, key: fn(T) -> &'static str) -> Option<Vec<String>> {
    list.map(|l| l.iter().map(|c| key(*c).to_owned()).collect())
}

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|c| key(*c)).collect()
}

async fn render(
    ctx: &PageCtx,
    id: &str,
    notice: bool,
    problem: Option<&'static str>,
    posted: Option<&ScopeForm>,
) -> WebResult {
    let principal = require_staff(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let page = user_scope::page(&ctx.state.app, principal, id).await?;
    let lang = ctx.language;
    let r = &page.restrictions;
    // A form shown again keeps what was entered, not what is saved.
    // A form shown again keeps what was entered, not what is saved.
    let entered = |saved: Option<Vec<String>>, posted: Option<&Option<Vec<String>>>| match posted {
        Some(p) => p.clone(),
        None => saved,
    };
    let types = entered(
        code_strings(r.contract_types.as_ref(), ContractType::as_str),
        posted.map(|p| &p.contract_types),
    );
    let statuses = entered(
        code_strings(r.statuses.as_ref(), ContractStatus::as_str),
        posted.map(|p| &p.statuses),
    );
    let lines = entered(
        code_strings(r.lines.as_ref(), LineOfBusiness::as_str),
        posted.map(|p| &p.lines),
    );
    let mut groups = Vec::new();
    if page.organization {
        let chosen: Option<Vec<i64>> = match posted {
            Some(p) => p.customers.clone(),
            None => r
                .customers
                .as_ref()
                .map(|l| l.iter().map(|c| c.0).collect()),
        };
        groups.push(Group {
            field: "customer",
            legend: "scope-customers",
            only: chosen.is_some(),
            options: page
                .customers
                .iter()
                .map(|c| CodeOption {
                    value: c.id.to_string(),
                    label: format!("{} ({})", c.name, c.external_id),
                    checked: chosen.as_ref().is_some_and(|l| l.contains(&c.id)),
                })
                .collect(),
        });
    }
    for (field, legend, all, chosen, prefix) in [
        (
            "type",
            "scope-contract-types",
            keys(ContractType::ALL, ContractType::as_str),
            types,
            "contract-type-",
        ),
        (
            "status",
            "scope-statuses",
            keys(ContractStatus::ALL, ContractStatus::as_str),
            statuses,
            "contract-status-",
        ),
        (
            "line",
            "scope-lines",
            keys(LineOfBusiness::ALL, LineOfBusiness::as_str),
            lines,
            "lob-",
        ),
    ] {
        groups.push(group(field, legend, &all, chosen.as_deref(), |c| {
            crate::i18n::text(lang, &format!("{prefix}{c}"))
        }));
    }
    let view = View {
        id,
        name: page.user.name,
        stamp: stamp(page.user.updated_at),
        counts: Counts {
            contracts: number(lang, page.counts.contracts),
            objects: number(lang, page.counts.objects),
            claims: number(lang, page.counts.claims),
        },
        groups,
        objects: page.objects.map(|n| number(lang, n)),
        claims: page.claims.map(|n| number(lang, n)),
        notice,
        problem,
    };
    let html = ctx.render("pages/staff_user_scope.html", "scope-title", view)?;
    let status = match problem {
        None => StatusCode::OK,
        Some("users-stale") => StatusCode::CONFLICT,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok((status, Html(html)).into_response())
}

/// The posted form: `<field>_mode` is `only` for a restriction, and each
/// checked box repeats `<field>`.
fn read(pairs: &[(String, String)]) -> Result<ScopeForm, ()> {
    let only = |field: &str| {
        pairs
            .iter()
            .any(|(k, v)| k == &format!("{field}_mode") && v == "only")
    };
    let values = |field: &str| -> Option<Vec<String>> {
        only(field).then(|| {
            pairs
                .iter()
                .filter(|(k, _)| k == field)
                .map(|(_, v)| v.clone())
                .collect()
        })
    };
    let customers = match values("customer") {
        Some(ids) => Some(
            ids.iter()
                .map(|v| parse_id(v).ok_or(()))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    Ok(ScopeForm {
        customers,
        contract_types: values("type"),
        statuses: values("status"),
        lines: values("line"),
    })
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub(super) async fn save(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let Ok(form) = read(&pairs) else {
        return render(&ctx, &id, false, Some("scope-refused-foreign"), None).await;
    };
    let seen = field(&pairs, "updated_at");
    save_form(&ctx, principal, client, &id, number, &form, seen).await
}

async fn save_form(
    ctx: &PageCtx,
    principal: &kp_domain::Principal,
    client: IpAddr,
    id: &str,
    number: i64,
    form: &ScopeForm,
    seen: &str,
) -> WebResult {
    let app = &ctx.state.app;
    match user_scope::save(app, principal, number, form, seen, client).await? {
        Changed::Done(_) => {
            Ok(Redirect::to(&format!("/staff/users/{number}/scope?done=saved")).into_response())
        }
        Changed::Stale => render(ctx, id, false, Some("users-stale"), Some(form)).await,
        Changed::Refused(key) => render(ctx, id, false, Some(key), Some(form)).await,
    }
}
