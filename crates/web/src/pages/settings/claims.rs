//! `/settings/claims`: escalation rules of a tenant (D16–D19: threshold
//! and currency, claim types, recipients by address and staff member, task
//! priority) and the extra recipients of an organization's claim reports
//! (B12). `?tenant=<key>` and `?organization=<id>` pick whose settings;
//! see `kp_app::claim_settings`.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_settings::{self, EscalationRule, RuleInput};
use kp_domain::{ClaimType, TaskPriority};
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::format;
use crate::pages::urlencode;
use crate::routes::Routes;

const PATH: &str = "/settings/claims";
const TEMPLATE: &str = "pages/settings_claims.html";
const TITLE: &str = "claim-settings-title";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post("/settings/claims/rules", add_rule)
        .post("/settings/claims/rules/delete", delete_rule)
        .post("/settings/claims/recipients", save_recipients)
}

#[derive(Serialize)]
struct Choice {
    value: String,
    name: String,
    selected: bool,
}

#[derive(Serialize)]
struct RuleView {
    index: usize,
    rule: EscalationRule,
    staff_names: Vec<String>,
}

/// The new rule's form as typed.
#[derive(Serialize, Default)]
struct RuleForm {
    threshold: String,
    currency: String,
    claim_types: Vec<String>,
    emails: String,
    staff: Vec<String>,
    priority: String,
}

#[derive(Serialize)]
struct View {
    tenants: Vec<Choice>,
    tenant_key: String,
    tenant_name: String,
    rules: Vec<RuleView>,
    staff: Vec<Choice>,
    claim_types: Vec<&'static str>,
    priorities: Vec<&'static str>,
    organizations: Vec<Choice>,
    organization_id: Option<i64>,
    organization_name: String,
    recipients: String,
    /// The organization's claim reports need an approver.
    approval: bool,
    rule: RuleForm,
    rule_errors: FormErrors,
    recipient_errors: FormErrors,
    saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    tenant: Option<String>,
    organization: Option<i64>,
    saved: Option<String>,
}

struct Extra {
    rule: RuleForm,
    rule_errors: FormErrors,
    recipients: Option<String>,
    /// As ticked in a form shown again.
    approval: Option<bool>,
    recipient_errors: FormErrors,
    saved: bool,
}

async fn view(
    ctx: &PageCtx,
    tenant: Option<&str>,
    organization: Option<i64>,
    extra: Extra,
) -> Result<View, crate::error::WebError> {
    let principal = require_admin(ctx)?;
    let e = claim_settings::for_editing(&ctx.state.app, principal, tenant, organization).await?;
    let staff_name = |id: &i64| {
        e.staff
            .iter()
            .find(|s| s.id == *id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let org = e.organization.clone();
    Ok(View {
        tenants: e
            .tenants
            .iter()
            .map(|t| Choice {
                value: t.key.clone(),
                name: t.name.clone(),
                selected: t.id == e.tenant.id,
            })
            .collect(),
        tenant_key: e.tenant.key.clone(),
        tenant_name: e.tenant.name.clone(),
        rules: e
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| RuleView {
                index,
                staff_names: rule.staff.iter().map(staff_name).collect(),
                rule: rule.clone(),
            })
            .collect(),
        staff: e
            .staff
            .iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                name: s.name.clone(),
                selected: extra.rule.staff.contains(&s.id.to_string()),
            })
            .collect(),
        claim_types: ClaimType::ALL.iter().map(|t| t.as_str()).collect(),
        priorities: TaskPriority::ALL.iter().map(|p| p.as_str()).collect(),
        organizations: e
            .organizations
            .iter()
            .map(|(id, name)| Choice {
                value: id.0.to_string(),
                name: name.clone(),
                selected: org.as_ref().is_some_and(|(o, _)| o == id),
            })
            .collect(),
        organization_id: org.as_ref().map(|(id, _)| id.0),
        organization_name: org.map(|(_, n)| n).unwrap_or_default(),
        recipients: extra.recipients.unwrap_or_else(|| e.recipients.join("\n")),
        approval: extra.approval.unwrap_or(e.approval_required),
        rule: extra.rule,
        rule_errors: extra.rule_errors,
        recipient_errors: extra.recipient_errors,
        saved: extra.saved,
    })
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let extra = Extra {
        rule: RuleForm {
            currency: "EUR".to_owned(),
            priority: TaskPriority::High.as_str().to_owned(),
            ..RuleForm::default()
        },
        rule_errors: FormErrors::default(),
        recipients: None,
        approval: None,
        recipient_errors: FormErrors::default(),
        saved: q.saved.is_some(),
    };
    let page = view(&ctx, q.tenant.as_deref(), q.organization, extra).await?;
    Ok(Html(ctx.render(TEMPLATE, TITLE, page)?).into_response())
}

/// Form fields, repeated ones (checkboxes) included.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

fn back(tenant: &str, organization: Option<i64>) -> String {
    let mut to = format!("{PATH}?tenant={}", urlencode(tenant));
    if let Some(o) = organization {
        to.push_str(&format!("&organization={o}"));
    }
    to.push_str("&saved=1");
    to
}

async fn add_rule(ctx: PageCtx, Form(form): Form<Vec<(String, String)>>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let f = Fields(form);
    ctx.check_csrf(&f.one("_csrf"))?;
    let tenant = f.one("tenant");
    let typed = RuleForm {
        threshold: f.one("threshold"),
        currency: f.one("currency"),
        claim_types: f.all("claim_types"),
        emails: f.one("emails"),
        staff: f.all("staff"),
        priority: f.one("priority"),
    };
    let input = RuleInput {
        threshold_minor: format::parse_amount(ctx.language, typed.threshold.trim()),
        currency: typed.currency.clone(),
        claim_types: typed.claim_types.clone(),
        emails: typed.emails.clone(),
        staff: typed.staff.clone(),
        priority: typed.priority.clone(),
    };
    match claim_settings::add_rule(&ctx.state.app, principal, &tenant, &input).await {
        Ok(()) => Ok(Redirect::to(&back(&tenant, None)).into_response()),
        Err(AppError::Validation(errors)) => {
            let extra = Extra {
                rule: typed,
                rule_errors: errors.into(),
                recipients: None,
                approval: None,
                recipient_errors: FormErrors::default(),
                saved: false,
            };
            let page = view(&ctx, Some(&tenant), None, extra).await?;
            let html = ctx.render(TEMPLATE, TITLE, page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DeleteForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    tenant: String,
    index: usize,
}

async fn delete_rule(ctx: PageCtx, Form(form): Form<DeleteForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    claim_settings::remove_rule(&ctx.state.app, principal, &form.tenant, form.index).await?;
    Ok(Redirect::to(&back(&form.tenant, None)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecipientsForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    tenant: String,
    organization: i64,
    recipients: String,
    /// The checkbox: present when ticked.
    approval: Option<String>,
}

async fn save_recipients(ctx: PageCtx, Form(form): Form<RecipientsForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    let approval = form.approval.is_some();
    let saved = claim_settings::save_recipients(
        app,
        principal,
        form.organization,
        &form.recipients,
        approval,
    )
    .await;
    match saved {
        Ok(()) => Ok(Redirect::to(&back(&form.tenant, Some(form.organization))).into_response()),
        Err(AppError::Validation(errors)) => {
            let extra = Extra {
                rule: RuleForm::default(),
                rule_errors: FormErrors::default(),
                recipients: Some(form.recipients),
                approval: Some(approval),
                recipient_errors: errors.into(),
                saved: false,
            };
            let page = view(&ctx, Some(&form.tenant), Some(form.organization), extra).await?;
            let html = ctx.render(TEMPLATE, TITLE, page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
