//! The broker's settings for claim reports (FEATURES B12, D16–D19), edited
//! by staff administrators on `/settings/claims`:
//!
//! - per tenant, under key `claim_escalation`: escalation rules. A report
//!   whose estimated amount is above a rule's threshold (in the rule's
//!   currency) and whose claim type the rule names (none named: every
//!   type) is mailed to the rule's addresses and staff members and gets an
//!   extra task of the rule's priority;
//! - per organization (`SettingScope::Organization`), under key
//!   `claim_report_recipients`: addresses that get a copy of the mail of
//!   every claim report of the organization's customers;
//! - per organization, under key `claim_approval`: whether claim reports
//!   of users without `submit_claim` need an approver (four-eyes
//!   approval, see `claim_wizard::approval`).

use kp_domain::{
    Actor, ClaimType, CustomerSet, OrganizationId, Principal, Scope, TaskPriority, TenantId,
};
use kp_storage::invitations;
use kp_storage::settings::{self, SettingScope};
use kp_storage::staff_admin::{self, StaffRow};
use kp_storage::tenants::{self, TenantRow};
use serde::{Deserialize, Serialize};

use crate::mail_templates::editing::plausible_email;
use crate::{App, AppError, FieldError};

pub const ESCALATION_KEY: &str = "claim_escalation";
pub const RECIPIENTS_KEY: &str = "claim_report_recipients";
use crate::claim_approval_setting::Approval;
pub use crate::claim_approval_setting::{APPROVAL_KEY, approval_required};
/// Most addresses in one list.
pub const MAX_ADDRESSES: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationRule {
    pub threshold_minor: i64,
    pub currency: String,
    /// Empty: every claim type.
    #[serde(default)]
    pub claim_types: Vec<ClaimType>,
    #[serde(default)]
    pub emails: Vec<String>,
    /// Staff user ids.
    #[serde(default)]
    pub staff: Vec<i64>,
    pub priority: TaskPriority,
}

impl EscalationRule {
    /// Above the threshold in the same currency and of a named type.
    pub fn applies(&self, claim_type: ClaimType, amount: Option<i64>, currency: &str) -> bool {
        amount.is_some_and(|a| a > self.threshold_minor)
            && currency == self.currency
            && (self.claim_types.is_empty() || self.claim_types.contains(&claim_type))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct Recipients {
    emails: Vec<String>,
}

pub(crate) async fn read<T: serde::de::DeserializeOwned + Default>(
    app: &App,
    scope: SettingScope,
    key: &str,
) -> Result<T, AppError> {
    Ok(match settings::get(&app.db, scope, key).await? {
        // An unreadable value must not stop a customer's report.
        Some(json) => serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(%err, key, "claim setting unreadable; using none");
            T::default()
        }),
        None => T::default(),
    })
}

pub(crate) async fn write<T: Serialize>(
    app: &App,
    scope: SettingScope,
    key: &str,
    value: &T,
) -> Result<(), AppError> {
    let json = serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, scope, key, &json, app.clock.now()).await?;
    Ok(())
}

pub async fn escalation_rules(
    app: &App,
    tenant: TenantId,
) -> Result<Vec<EscalationRule>, AppError> {
    read(app, SettingScope::Tenant(tenant), ESCALATION_KEY).await
}

pub async fn extra_recipients(app: &App, org: OrganizationId) -> Result<Vec<String>, AppError> {
    let r: Recipients = read(app, SettingScope::Organization(org), RECIPIENTS_KEY).await?;
    Ok(r.emails)
}

/// The tenants an administrator edits: their own, or every tenant for an
/// administrator without tenants.
fn admin_tenants(principal: &Principal) -> Result<Option<Vec<TenantId>>, AppError> {
    match &principal.actor {
        Actor::Staff { tenants, .. } if principal.is_admin() => {
            Ok((!tenants.is_empty()).then(|| tenants.clone()))
        }
        _ => Err(AppError::Forbidden),
    }
}

fn admin_scope(tenants: &Option<Vec<TenantId>>) -> Scope {
    match tenants {
        Some(t) => Scope::customers(CustomerSet::Tenants(t.clone())),
        None => Scope::everything(),
    }
}

/// What the settings page shows.
#[derive(Debug, Clone)]
pub struct Editing {
    pub tenants: Vec<TenantRow>,
    pub tenant: TenantRow,
    pub rules: Vec<EscalationRule>,
    /// The tenant's staff, offered as escalation recipients.
    pub staff: Vec<StaffRow>,
    pub organizations: Vec<(OrganizationId, String)>,
    pub organization: Option<(OrganizationId, String)>,
    pub recipients: Vec<String>,
    pub approval_required: bool,
}

/// The settings of the tenant `key` (default: the first the
/// administrator edits) and of organization `org` (default: the first of
/// those with customers in the administrator's tenants). `NotFound` for a
/// tenant or organization outside them.
pub async fn for_editing(
    app: &App,
    principal: &Principal,
    key: Option<&str>,
    org: Option<i64>,
) -> Result<Editing, AppError> {
    let allowed = admin_tenants(principal)?;
    let mut all = tenants::list(&app.db).await?;
    all.retain(|t| allowed.as_ref().is_none_or(|a| a.contains(&TenantId(t.id))));
    all.sort_by_key(|t| t.id);
    let tenant = match key.map(str::trim).filter(|k| !k.is_empty()) {
        Some(key) => all.iter().find(|t| t.key == key).cloned(),
        None => all.first().cloned(),
    }
    .ok_or(AppError::NotFound)?;
    let id = TenantId(tenant.id);
    let organizations = invitations::organizations(&app.db, &admin_scope(&allowed)).await?;
    let organization = match org {
        Some(o) => Some(
            organizations
                .iter()
                .find(|(id, _)| id.0 == o)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => organizations.first().cloned(),
    };
    let (recipients, approval) = match &organization {
        Some((o, _)) => (
            extra_recipients(app, *o).await?,
            approval_required(app, *o).await?,
        ),
        None => (Vec::new(), false),
    };
    Ok(Editing {
        rules: escalation_rules(app, id).await?,
        staff: staff_admin::list(&app.db, Some(std::slice::from_ref(&id)))
            .await?
            .into_iter()
            .filter(|s| s.active)
            .collect(),
        tenants: all,
        tenant,
        organizations,
        organization,
        recipients,
        approval_required: approval,
    })
}

/// A rule as the form sends it; the threshold already parsed in the
/// user's locale (`None`: not an amount).
#[derive(Debug, Clone, Default)]
pub struct RuleInput {
    pub threshold_minor: Option<i64>,
    pub currency: String,
    pub claim_types: Vec<String>,
    /// Addresses separated by commas, semicolons or line breaks.
    pub emails: String,
    pub staff: Vec<String>,
    pub priority: String,
}

/// Addresses from a text field; the first bad one refuses the field.
fn addresses(text: &str, field: &'static str) -> Result<Vec<String>, FieldError> {
    let list: Vec<String> = text
        .split([',', ';', '\n', '\r'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    if list.iter().any(|a| !plausible_email(a) || a.len() > 254) {
        return Err(FieldError {
            field,
            key: "claim-settings-error-email",
        });
    }
    if list.len() > MAX_ADDRESSES {
        return Err(FieldError {
            field,
            key: "claim-settings-error-too-many",
        });
    }
    Ok(list)
}

pub(crate) fn check_rule(
    input: &RuleInput,
    staff: &[StaffRow],
) -> Result<EscalationRule, AppError> {
    let mut errors = Vec::new();
    let mut err = |field, key| errors.push(FieldError { field, key });
    let threshold = match input.threshold_minor {
        Some(t) if t >= 0 => t,
        _ => {
            err("threshold", "claim-settings-error-threshold");
            0
        }
    };
    let currency = kp_domain::Currency::parse(input.currency.trim());
    if currency.is_none() {
        err("currency", "claim-wizard-error-currency");
    }
    let mut types = Vec::new();
    for t in &input.claim_types {
        match ClaimType::parse(t) {
            Ok(t) => types.push(t),
            Err(_) => err("claim_types", "claim-wizard-error-type"),
        }
    }
    let mut members = Vec::new();
    for s in &input.staff {
        match s
            .parse::<i64>()
            .ok()
            .filter(|id| staff.iter().any(|m| m.id == *id))
        {
            Some(id) => members.push(id),
            None => err("staff", "claim-settings-error-staff"),
        }
    }
    let priority = TaskPriority::parse(input.priority.trim());
    if priority.is_err() {
        err("priority", "claim-settings-error-priority");
    }
    let emails = match addresses(&input.emails, "emails") {
        Ok(list) => list,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    if errors.is_empty() && emails.is_empty() && members.is_empty() {
        errors.push(FieldError {
            field: "emails",
            key: "claim-settings-error-nobody",
        });
    }
    match (currency, priority) {
        (Some(c), Ok(p)) if errors.is_empty() => Ok(EscalationRule {
            threshold_minor: threshold,
            currency: c.as_str().to_owned(),
            claim_types: types,
            emails,
            staff: members,
            priority: p,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Adds a rule to the tenant `key`'s list.
pub async fn add_rule(
    app: &App,
    principal: &Principal,
    key: &str,
    input: &RuleInput,
) -> Result<(), AppError> {
    let editing = for_editing(app, principal, Some(key), None).await?;
    let rule = check_rule(input, &editing.staff)?;
    let mut rules = editing.rules;
    rules.push(rule);
    write(
        app,
        SettingScope::Tenant(TenantId(editing.tenant.id)),
        ESCALATION_KEY,
        &rules,
    )
    .await
}

/// Removes the tenant `key`'s rule at `index` (`NotFound` past the end).
pub async fn remove_rule(
    app: &App,
    principal: &Principal,
    key: &str,
    index: usize,
) -> Result<(), AppError> {
    let editing = for_editing(app, principal, Some(key), None).await?;
    let mut rules = editing.rules;
    if index >= rules.len() {
        return Err(AppError::NotFound);
    }
    rules.remove(index);
    write(
        app,
        SettingScope::Tenant(TenantId(editing.tenant.id)),
        ESCALATION_KEY,
        &rules,
    )
    .await
}

/// Replaces organization `org`'s extra recipients and whether its claim
/// reports need approval.
pub async fn save_recipients(
    app: &App,
    principal: &Principal,
    org: i64,
    text: &str,
    approval: bool,
) -> Result<(), AppError> {
    let editing = for_editing(app, principal, None, Some(org)).await?;
    let Some((org, _)) = editing.organization else {
        return Err(AppError::NotFound);
    };
    let emails = addresses(text, "recipients").map_err(|e| AppError::Validation(vec![e]))?;
    write(
        app,
        SettingScope::Organization(org),
        RECIPIENTS_KEY,
        &Recipients { emails },
    )
    .await?;
    write(
        app,
        SettingScope::Organization(org),
        APPROVAL_KEY,
        &Approval { required: approval },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> EscalationRule {
        EscalationRule {
            threshold_minor: 1_000_000,
            currency: "EUR".into(),
            claim_types: vec![ClaimType::Fire],
            emails: vec!["chef@makler.test".into()],
            staff: vec![],
            priority: TaskPriority::Urgent,
        }
    }

    #[test]
    fn a_rule_applies_above_its_threshold_for_its_types_and_currency() {
        let r = rule();
        assert!(r.applies(ClaimType::Fire, Some(1_000_001), "EUR"));
        assert!(!r.applies(ClaimType::Fire, Some(1_000_000), "EUR"));
        assert!(!r.applies(ClaimType::Fire, None, "EUR"));
        assert!(!r.applies(ClaimType::Fire, Some(2_000_000), "CHF"));
        assert!(!r.applies(ClaimType::Water, Some(2_000_000), "EUR"));
        let any = EscalationRule {
            claim_types: vec![],
            ..rule()
        };
        assert!(any.applies(ClaimType::Water, Some(2_000_000), "EUR"));
    }

    #[test]
    fn addresses_are_split_and_checked() {
        assert_eq!(
            addresses("a@b.de; c@d.de\n", "x").unwrap(),
            vec!["a@b.de".to_owned(), "c@d.de".to_owned()]
        );
        assert!(addresses("a@b.de, kein", "x").is_err());
    }
}
