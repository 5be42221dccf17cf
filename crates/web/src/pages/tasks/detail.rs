//! One task: title, description, the record it is about (customer,
//! contract, object, claim, claim report) with links, its documents, its
//! history, and the forms to assign it, comment, set or clear the due date
//! and set the status. Each form carries the task's `updated_at`: a stale
//! form changes nothing and is shown again with the message (409); bad
//! input is shown at its field with what was typed (422).

use std::net::IpAddr;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::staff_view::stamp;
use kp_app::task_actions::{self, Action, Outcome, TaskDetail};
use kp_domain::{TaskHistoryKind, TaskStatus};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::account::when;
use crate::pages::parse_id;
use crate::pages::staff_users::require_staff;

/// The messages `?done=` may name.
const DONE: &[(&str, &str)] = &[
    ("assigned", "task-done-assigned"),
    ("commented", "task-done-commented"),
    ("due", "task-done-due"),
    ("status", "task-done-status"),
];

#[derive(Serialize)]
struct HistoryView {
    kind: &'static str,
    at: String,
    staff_name: Option<String>,
    assignee_name: Option<String>,
    text: String,
    due_on: Option<String>,
    status: Option<String>,
}

#[derive(Serialize)]
struct StaffChoice {
    id: i64,
    name: String,
}

/// What the forms show: as typed after bad input, else the task's values.
#[derive(Serialize, Default)]
struct Typed {
    comment: String,
    due_on: Option<String>,
}

#[derive(Serialize)]
struct View {
    task: TaskDetail,
    created: String,
    completed: Option<String>,
    overdue: bool,
    stamp: String,
    documents: Vec<kp_app::task_actions::TaskDocument>,
    history: Vec<HistoryView>,
    staff: Vec<StaffChoice>,
    me: i64,
    statuses: Vec<&'static str>,
    typed: Typed,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
    errors: FormErrors,
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
    let notice = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
        .map(|(_, v)| *v);
    render(
        &ctx,
        &id,
        notice,
        None,
        FormErrors::default(),
        Typed::default(),
    )
    .await
}

async fn render(
    ctx: &PageCtx,
    id: &str,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
    errors: FormErrors,
    typed: Typed,
) -> WebResult {
    let principal = require_staff(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let page = task_actions::get(&ctx.state.app, principal, id).await?;
    let me = kp_app::task_inbox::me(principal)?;
    let lang = ctx.language;
    let today = ctx.state.app.clock.now().date_naive();
    let t = page.task;
    let typed = Typed {
        due_on: typed.due_on.or_else(|| t.due_on.map(|d| d.to_string())),
        ..typed
    };
    let view = View {
        created: when(lang, t.created_at),
        completed: t.completed_at.map(|at| when(lang, at)),
        overdue: t.status != TaskStatus::Done.as_str() && t.due_on.is_some_and(|d| d < today),
        stamp: stamp(t.updated_at),
        documents: page.documents,
        history: page
            .history
            .into_iter()
            .map(|h| HistoryView {
                kind: TaskHistoryKind::parse(&h.kind)
                    .map(|k| k.as_str())
                    .unwrap_or("created"),
                at: when(lang, h.created_at),
                staff_name: h.staff_name,
                assignee_name: h.assignee_name,
                text: h.text,
                due_on: h.due_on.map(|d| d.to_string()),
                status: h.status,
            })
            .collect(),
        staff: page
            .staff
            .into_iter()
            .map(|s| StaffChoice {
                id: s.id,
                name: s.name,
            })
            .collect(),
        me: me.0,
        statuses: TaskStatus::ALL.iter().map(|s| s.as_str()).collect(),
        task: t,
        typed,
        notice,
        problem,
        errors,
    };
    let status = if problem.is_some() {
        StatusCode::CONFLICT
    } else if !view.errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = ctx.render("pages/staff_task.html", "task-title", view)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActionForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    updated_at: String,
    assignee: String,
    comment: String,
    due_on: String,
    status: String,
}

async fn run(
    ctx: PageCtx,
    client: IpAddr,
    id: String,
    form: ActionForm,
    action: Action,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let typed = Typed {
        comment: form.comment,
        due_on: matches!(action, Action::Due(_)).then_some(form.due_on),
    };
    let app = &ctx.state.app;
    match task_actions::act(app, principal, number, &form.updated_at, &action, client).await {
        Ok(Outcome::Done) => Ok(Redirect::to(&format!(
            "/staff/tasks/{number}?done={}",
            action.key()
        ))
        .into_response()),
        Ok(Outcome::Stale) => {
            render(
                &ctx,
                &id,
                None,
                Some("task-stale"),
                FormErrors::default(),
                typed,
            )
            .await
        }
        Err(AppError::Validation(errors)) => {
            render(&ctx, &id, None, None, FormErrors::from(errors), typed).await
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) async fn assign(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let action = Action::Assign(form.assignee.clone());
    run(ctx, client, id, form, action).await
}

pub(super) async fn comment(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let action = Action::Comment(form.comment.clone());
    run(ctx, client, id, form, action).await
}

pub(super) async fn due(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let action = Action::Due(form.due_on.clone());
    run(ctx, client, id, form, action).await
}

pub(super) async fn status(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let action = Action::Status(form.status.clone());
    run(ctx, client, id, form, action).await
}
