//! Changing one escalation rule of a tenant on `/settings/claims` (D16–D19):
//! threshold, currency, claim types, recipients and priority. Rules are
//! kept as a list under one setting and named by their position, so the
//! form carries a version of the whole list ([`version`]): when any rule
//! was added, changed or deleted since the form was opened, the change is
//! refused as stale and nothing is written.

use kp_domain::{Principal, TenantId};
use kp_storage::settings::SettingScope;
use sha2::{Digest, Sha256};

use crate::claim_settings::{
    ESCALATION_KEY, EscalationRule, RuleInput, check_rule, for_editing, write,
};
use crate::{App, AppError};

/// A short fingerprint of the rule list as stored.
pub fn version(rules: &[EscalationRule]) -> String {
    let json = serde_json::to_string(rules).unwrap_or_default();
    hex::encode(&Sha256::digest(json.as_bytes())[..12])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Saved,
    /// The list changed since the form was opened: nothing was written.
    Stale,
}

/// The rule at `index` of tenant `key`, with the list's version, for the
/// edit form; `NotFound` past the end or outside the administrator's
/// tenants.
pub async fn rule(
    app: &App,
    principal: &Principal,
    key: &str,
    index: usize,
) -> Result<(EscalationRule, String), AppError> {
    let editing = for_editing(app, principal, Some(key), None).await?;
    let rule = editing
        .rules
        .get(index)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((rule, version(&editing.rules)))
}

/// Replaces the rule at `index` of tenant `key` when the list still has
/// `seen` as its version.
pub async fn update_rule(
    app: &App,
    principal: &Principal,
    key: &str,
    index: usize,
    seen: &str,
    input: &RuleInput,
) -> Result<Outcome, AppError> {
    let editing = for_editing(app, principal, Some(key), None).await?;
    if index >= editing.rules.len() {
        return Err(AppError::NotFound);
    }
    if seen.trim() != version(&editing.rules) {
        return Ok(Outcome::Stale);
    }
    let rule = check_rule(input, &editing.staff)?;
    let mut rules = editing.rules;
    rules[index] = rule;
    write(
        app,
        SettingScope::Tenant(TenantId(editing.tenant.id)),
        ESCALATION_KEY,
        &rules,
    )
    .await?;
    tracing::info!(tenant = editing.tenant.id, index, "escalation rule changed");
    Ok(Outcome::Saved)
}
