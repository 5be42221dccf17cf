//! `/settings/claims/rules/edit`: changing one escalation rule of a tenant
//! (threshold, currency, claim types, recipients, priority). The form
//! carries the version of the tenant's rule list; when the list changed
//! meanwhile the form is shown again with a message (409) and nothing is
//! saved (`kp_app::claim_rule_edit`). Bad input is named at its field
//! (422) with the form as typed.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_rule_edit::{self, Outcome};
use kp_app::claim_settings::{self, EscalationRule, RuleInput};
use kp_domain::{ClaimType, TaskPriority};
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::format;
use crate::pages::urlencode;
use crate::routes::Routes;

const PATH: &str = "/settings/claims/rules/edit";
const TEMPLATE: &str = "pages/settings_claim_rule.html";
const TITLE: &str = "claim-settings-edit-title";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, save)
}

/// The rule's form as typed (or as stored).
#[derive(Serialize, Default, Clone)]
struct RuleForm {
    threshold: String,
    currency: String,
    claim_types: Vec<String>,
    emails: String,
    staff: Vec<String>,
    priority: String,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    name: String,
    selected: bool,
}

#[derive(Serialize)]
struct View {
    tenant_key: String,
    tenant_name: String,
    index: usize,
    version: String,
    rule: RuleForm,
    rule_errors: FormErrors,
    staff: Vec<Choice>,
    claim_types: Vec<&'static str>,
    priorities: Vec<&'static str>,
    problem: Option<&'static str>,
}

fn typed(ctx: &PageCtx, rule: &EscalationRule) -> RuleForm {
    RuleForm {
        threshold: format::plain_amount(ctx.language, rule.threshold_minor),
        currency: rule.currency.clone(),
        claim_types: rule
            .claim_types
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
        emails: rule.emails.join("\n"),
        staff: rule.staff.iter().map(i64::to_string).collect(),
        priority: rule.priority.as_str().to_owned(),
    }
}

/// The page for the rule at `index`; `form` as typed after a refused save.
async fn render(
    ctx: &PageCtx,
    tenant: &str,
    index: usize,
    form: Option<RuleForm>,
    errors: FormErrors,
    problem: Option<&'static str>,
) -> WebResult {
    let principal = require_admin(ctx)?;
    let app = &ctx.state.app;
    let (stored, version) = claim_rule_edit::rule(app, principal, tenant, index).await?;
    let e = claim_settings::for_editing(app, principal, Some(tenant), None).await?;
    let rule = form.unwrap_or_else(|| typed(ctx, &stored));
    let status = match (problem, errors.is_empty()) {
        (Some(_), _) => StatusCode::CONFLICT,
        (None, false) => StatusCode::UNPROCESSABLE_ENTITY,
        (None, true) => StatusCode::OK,
    };
    let view = View {
        tenant_key: e.tenant.key.clone(),
        tenant_name: e.tenant.name.clone(),
        index,
        version,
        staff: e
            .staff
            .iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                name: s.name.clone(),
                selected: rule.staff.contains(&s.id.to_string()),
            })
            .collect(),
        rule,
        rule_errors: errors,
        claim_types: ClaimType::ALL.iter().map(|t| t.as_str()).collect(),
        priorities: TaskPriority::ALL.iter().map(|p| p.as_str()).collect(),
        problem,
    };
    let html = ctx.render(TEMPLATE, TITLE, view)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    tenant: String,
    index: String,
}

fn index_of(text: &str) -> Result<usize, WebError> {
    text.trim().parse().map_err(|_| WebError::NotFound)
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let index = index_of(&q.index)?;
    render(&ctx, &q.tenant, index, None, FormErrors::default(), None).await
}

async fn save(ctx: PageCtx, Form(form): Form<Vec<(String, String)>>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let one = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = |name: &str| -> Vec<String> {
        form.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    ctx.check_csrf(&one("_csrf"))?;
    let tenant = one("tenant");
    let index = index_of(&one("index"))?;
    let typed = RuleForm {
        threshold: one("threshold"),
        currency: one("currency"),
        claim_types: all("claim_types"),
        emails: one("emails"),
        staff: all("staff"),
        priority: one("priority"),
    };
    let input = RuleInput {
        threshold_minor: format::parse_amount(ctx.language, typed.threshold.trim()),
        currency: typed.currency.clone(),
        claim_types: typed.claim_types.clone(),
        emails: typed.emails.clone(),
        staff: typed.staff.clone(),
        priority: typed.priority.clone(),
    };
    let app = &ctx.state.app;
    let version = one("version");
    match claim_rule_edit::update_rule(app, principal, &tenant, index, &version, &input).await {
        Ok(Outcome::Saved) => Ok(Redirect::to(&format!(
            "/settings/claims?tenant={}&saved=1",
            urlencode(&tenant)
        ))
        .into_response()),
        Ok(Outcome::Stale) => {
            let problem = Some("claim-settings-stale");
            render(
                &ctx,
                &tenant,
                index,
                Some(typed),
                FormErrors::default(),
                problem,
            )
            .await
        }
        Err(AppError::Validation(errors)) => {
            render(&ctx, &tenant, index, Some(typed), errors.into(), None).await
        }
        Err(other) => Err(other.into()),
    }
}
