//! `/settings/tasks`: task categories 1 and 2 per area and origin (D14),
//! which every task the portal creates carries (see
//! `kp_app::task_categories`), and which clerk actions complete their
//! tasks by themselves (`kp_app::task_completion`).

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::task_categories::{Categories, CategoryTable};
use kp_app::task_completion::{self, CompletionSettings};
use kp_app::{AppError, task_category_settings};
use kp_domain::{TaskArea, TaskOrigin, TaskTrigger};
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::routes::Routes;

const PATH: &str = "/settings/tasks";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post(PATH, save)
        .post("/settings/tasks/completion", save_completion)
}

#[derive(Serialize)]
struct Trigger {
    key: &'static str,
    on: bool,
}

#[derive(Serialize)]
struct Cell {
    origin: &'static str,
    category1: String,
    category2: String,
}

#[derive(Serialize)]
struct Row {
    area: &'static str,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct View {
    origins: Vec<&'static str>,
    rows: Vec<Row>,
    max_chars: usize,
    scope_key: &'static str,
    saved: bool,
    errors: FormErrors,
    triggers: Vec<Trigger>,
    completion_saved: bool,
}

fn view(
    principal: &kp_domain::Principal,
    table: &CategoryTable,
    completion: &CompletionSettings,
) -> Result<View, AppError> {
    let rows = TaskArea::ALL
        .iter()
        .map(|area| Row {
            area: area.as_str(),
            cells: TaskOrigin::ALL
                .iter()
                .map(|origin| {
                    let c = table
                        .get(area)
                        .and_then(|o| o.get(origin))
                        .cloned()
                        .unwrap_or_default();
                    Cell {
                        origin: origin.as_str(),
                        category1: c.category1,
                        category2: c.category2,
                    }
                })
                .collect(),
        })
        .collect();
    Ok(View {
        origins: TaskOrigin::ALL.iter().map(|o| o.as_str()).collect(),
        rows,
        max_chars: task_category_settings::MAX_CHARS,
        scope_key: super::scope_key(principal)?,
        saved: false,
        errors: FormErrors::default(),
        triggers: TaskTrigger::ALL
            .iter()
            .map(|t| Trigger {
                key: t.as_str(),
                on: completion.triggers.contains(t),
            })
            .collect(),
        completion_saved: false,
    })
}

fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let html = ctx.render("pages/settings_tasks.html", "task-settings-title", view)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct ShowQuery {
    saved: Option<String>,
    completion: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let table = task_category_settings::for_editing(&ctx.state.app, principal).await?;
    let completion = task_completion::for_editing(&ctx.state.app, principal).await?;
    let mut view = view(principal, &table, &completion)?;
    view.saved = q.saved.is_some();
    view.completion_saved = q.completion.is_some();
    render(&ctx, StatusCode::OK, view)
}

/// Checkboxes named `trigger` with `TaskTrigger` keys; unknown keys are
/// ignored (an old form).
async fn save_completion(ctx: PageCtx, Form(pairs): Form<Vec<(String, String)>>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    ctx.check_csrf(csrf)?;
    let value = CompletionSettings {
        triggers: pairs
            .iter()
            .filter(|(k, _)| k == "trigger")
            .filter_map(|(_, v)| TaskTrigger::parse(v).ok())
            .collect(),
    };
    task_completion::save(&ctx.state.app, principal, &value).await?;
    Ok(Redirect::to(&format!("{PATH}?completion=1")).into_response())
}

/// Fields `c1.<area>.<origin>` and `c2.<area>.<origin>`.
async fn save(ctx: PageCtx, Form(pairs): Form<Vec<(String, String)>>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    ctx.check_csrf(&field("_csrf"))?;
    let mut table = CategoryTable::new();
    for area in TaskArea::ALL {
        for origin in TaskOrigin::ALL {
            let key = format!("{}.{}", area.as_str(), origin.as_str());
            table.entry(*area).or_default().insert(
                *origin,
                Categories {
                    category1: field(&format!("c1.{key}")),
                    category2: field(&format!("c2.{key}")),
                },
            );
        }
    }
    match task_category_settings::save(&ctx.state.app, principal, table.clone()).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?saved=1")).into_response()),
        Err(AppError::Validation(errors)) => {
            let completion = task_completion::for_editing(&ctx.state.app, principal).await?;
            let mut view = view(principal, &table, &completion)?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(err) => Err(err.into()),
    }
}
