//! `/admin/users/{id}/scope/objects` and `…/claims`: the organization
//! administrator's pickers of a colleague's single objects and claims —
//! the staff pickers' page ([`crate::pages::scope_pick`]) over what the
//! admin sees themselves (`kp_app::org_admin::pick_page`). A forged id of
//! a record the admin does not see, or lifting a restriction they have
//! themselves, is a 403 with the delegation message (audited); a stale
//! form 409; both change nothing.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use kp_app::org_admin::{self, Outcome};
use kp_app::user_scope_pick::PickKind;

use super::require_portal;
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
    problem: Option<(&'static str, StatusCode)>,
) -> WebResult {
    let principal = require_portal(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let (found_page, chosen_page) = q.pages();
    let app = &ctx.state.app;
    let page = org_admin::pick_page(
        app,
        principal,
        id,
        kind,
        q.search(),
        found_page,
        chosen_page,
    )
    .await?;
    shared::render(ctx, Side::Admin, kind, page, q, problem)
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
    let principal = require_portal(&ctx)?;
    ctx.check_csrf(&field(&pairs, "_csrf"))?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let shown = ShowQuery::after_post(&pairs);
    let Some(act) = shared::action(&pairs) else {
        let problem = (
            "scope-refused-unknown-code",
            StatusCode::UNPROCESSABLE_ENTITY,
        );
        return render(&ctx, &id, kind, &shown, Some(problem)).await;
    };
    let seen = field(&pairs, "updated_at");
    let app = &ctx.state.app;
    let (outcome, n) = org_admin::pick(app, principal, number, kind, &act, &seen, client).await?;
    let problem = match outcome {
        Outcome::Done => return Ok(shared::done(Side::Admin, number, kind, &act, n, &shown.q)),
        Outcome::Stale => ("users-stale", StatusCode::CONFLICT),
        Outcome::Refused(key) => (key, StatusCode::UNPROCESSABLE_ENTITY),
        Outcome::Denied(d) => (d.message(), StatusCode::FORBIDDEN),
    };
    render(&ctx, &id, kind, &shown, Some(problem)).await
}
