//! `/staff/users/{id}/scope/objects` and `…/claims`: the pickers of a
//! portal user's single objects and claims (D3). A search over what may be
//! chosen, paged; "add selected", "add all N matching" (one statement in
//! the app), the paged list of chosen records with "remove selected", and
//! "no restriction". Every change posts the user's `updated_at`; done, it
//! redirects back with the search kept.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::staff_view::stamp;
use kp_app::user_scope::Changed;
use kp_app::user_scope_pick::{self, PickAction, PickKind, PickRow};
use serde::{Deserialize, Serialize};

use super::require_staff;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::format::number;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::{parse_id, urlencode};

#[derive(Serialize)]
struct Paged {
    rows: Vec<PickRow>,
    total: i64,
    total_text: String,
    page: u32,
    pages: u32,
}

#[derive(Serialize)]
struct View {
    id: i64,
    name: String,
    stamp: String,
    kind: &'static str,
    q: String,
    /// `&q=…` for links that keep the search.
    q_param: String,
    restricted: bool,
    listed: String,
    found: Paged,
    chosen: Paged,
    chosen_page: u32,
    done: Option<&'static str>,
    done_count: i64,
    problem: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub(super) struct ShowQuery {
    #[serde(default)]
    q: String,
    page: Option<u32>,
    chosen_page: Option<u32>,
    done: Option<String>,
    n: Option<i64>,
}

/// The messages `?done=` may name.
const DONE: &[(&str, &str)] = &[
    ("added", "scope-done-added"),
    ("removed", "scope-done-removed"),
    ("cleared", "scope-done-cleared"),
];

pub(super) async fn objects(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    render(&ctx, &id, PickKind::Objects, &q, None).await
}

pub(super) async fn claims(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    render(&ctx, &id, PickKind::Claims, &q, None).await
}

fn paged(lang: kp_domain::Language, l: kp_app::lists::Listed<PickRow>) -> Paged {
    Paged {
        total_text: number(lang, l.total),
        rows: l.rows,
        total: l.total,
        page: l.page,
        pages: l.pages,
    }
}

async fn render(
    ctx: &PageCtx,
    id: &str,
    kind: PickKind,
    q: &ShowQuery,
    problem: Option<&'static str>,
) -> WebResult {
    let principal = require_staff(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let search = q.q.trim();
    let page = user_scope_pick::page(
        &ctx.state.app,
        principal,
        id,
        kind,
        Some(search).filter(|s| !s.is_empty()),
        q.page.unwrap_or(1),
        q.chosen_page.unwrap_or(1),
    )
    .await?;
    let lang = ctx.language;
    let view = View {
        id,
        name: page.user.name,
        stamp: stamp(page.user.updated_at),
        kind: kind.key(),
        q_param: if search.is_empty() {
            String::new()
        } else {
            format!("&q={}", urlencode(search))
        },
        q: search.to_owned(),
        restricted: page.restricted,
        listed: number(lang, page.listed),
        chosen_page: page.chosen.page,
        found: paged(lang, page.found),
        chosen: paged(lang, page.chosen),
        done: q
            .done
            .as_deref()
            .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
            .map(|(_, v)| *v),
        done_count: q.n.unwrap_or(0),
        problem,
    };
    let title = match kind {
        PickKind::Objects => "scope-objects-title",
        PickKind::Claims => "scope-claims-title",
    };
    let html = ctx.render("pages/staff_user_scope_pick.html", title, view)?;
    let status = match problem {
        None => StatusCode::OK,
        Some("users-stale") => StatusCode::CONFLICT,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok((status, Html(html)).into_response())
}

pub(super) async fn change_objects(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    change(ctx, client, id, PickKind::Objects, pairs).await
}

pub(super) async fn change_claims(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    change(ctx, client, id, PickKind::Claims, pairs).await
}

fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or_else(String::new, |(_, v)| v.clone())
}

/// The action posted; `None` for an unknown one or an id that is no number
/// (a forged form).
fn action(pairs: &[(String, String)]) -> Option<PickAction> {
    let ids = || -> Option<Vec<i64>> {
        pairs
            .iter()
            .filter(|(k, _)| k == "record")
            .map(|(_, v)| parse_id(v))
            .collect()
    };
    Some(match field(pairs, "action").as_str() {
        "add" => PickAction::Add(ids()?),
        "remove" => PickAction::Remove(ids()?),
        "add-matching" => {
            let q = field(pairs, "q");
            PickAction::AddMatching(Some(q.trim().to_owned()).filter(|s| !s.is_empty()))
        }
        "clear" => PickAction::Clear,
        _ => return None,
    })
}

async fn change(
    ctx: PageCtx,
    client: std::net::IpAddr,
    id: String,
    kind: PickKind,
    pairs: Vec<(String, String)>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    ctx.check_csrf(&field(&pairs, "_csrf"))?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let shown = ShowQuery {
        q: field(&pairs, "q"),
        ..ShowQuery::default()
    };
    let Some(act) = action(&pairs) else {
        return render(&ctx, &id, kind, &shown, Some("scope-refused-foreign")).await;
    };
    let seen = field(&pairs, "updated_at");
    let app = &ctx.state.app;
    match user_scope_pick::act(app, principal, number, kind, &act, &seen, client).await? {
        Changed::Done(n) => {
            let done = match act {
                PickAction::Add(_) | PickAction::AddMatching(_) => "added",
                PickAction::Remove(_) => "removed",
                PickAction::Clear => "cleared",
            };
            let q = shown.q.trim();
            let keep = if q.is_empty() {
                String::new()
            } else {
                format!("&q={}", urlencode(q))
            };
            Ok(Redirect::to(&format!(
                "/staff/users/{number}/scope/{}?done={done}&n={n}{keep}",
                kind.key()
            ))
            .into_response())
        }
        Changed::Stale => render(&ctx, &id, kind, &shown, Some("users-stale")).await,
        Changed::Refused(key) => render(&ctx, &id, kind, &shown, Some(key)).await,
    }
}
