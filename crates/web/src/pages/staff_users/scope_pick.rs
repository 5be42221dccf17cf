//! `/staff/users/{id}/scope/objects` and `…/claims`: the pickers of a
//! portal user's single objects and claims (D3), with what the staff
//! member may choose (the user's customer or organization within the
//! staff member's tenants). The page itself is
//! [`crate::pages::scope_pick`], shared with the organization
//! administrators'.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use kp_app::user_scope::Changed;
use kp_app::user_scope_pick::{self, PickKind};

use super::require_staff;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;
use crate::pages::scope_pick::{self as shared, ShowQuery, Side, field};

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

async fn render(
    ctx: &PageCtx,
    id: &str,
    kind: PickKind,
    q: &ShowQuery,
    problem: Option<&'static str>,
) -> WebResult {
    let principal = require_staff(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let (found_page, chosen_page) = q.pages();
    let app = &ctx.state.app;
    let page = user_scope_pick::page(
        app,
        principal,
        id,
        kind,
        q.search(),
        found_page,
        chosen_page,
    )
    .await?;
    let problem = problem.map(|key| match key {
        "users-stale" => (key, StatusCode::CONFLICT),
        _ => (key, StatusCode::UNPROCESSABLE_ENTITY),
    });
    shared::render(ctx, Side::Staff, kind, page, q, problem)
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
    let shown = ShowQuery::after_post(&pairs);
    let Some(act) = shared::action(&pairs) else {
        return render(&ctx, &id, kind, &shown, Some("scope-refused-foreign")).await;
    };
    let seen = field(&pairs, "updated_at");
    let app = &ctx.state.app;
    match user_scope_pick::act(app, principal, number, kind, &act, &seen, client).await? {
        Changed::Done(n) => Ok(shared::done(Side::Staff, number, kind, &act, n, &shown.q)),
        Changed::Stale => render(&ctx, &id, kind, &shown, Some("users-stale")).await,
        Changed::Refused(key) => render(&ctx, &id, kind, &shown, Some(key)).await,
    }
}
