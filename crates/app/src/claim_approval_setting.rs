//! The organization setting of four-eyes approval (issue 10), under key
//! `claim_approval`: whether claim reports of users without
//! `submit_claim` need an approver (see `claim_wizard::approval`). Edited
//! with the extra recipients in `claim_settings::save_recipients`.

use kp_domain::OrganizationId;
use kp_storage::settings::SettingScope;
use serde::{Deserialize, Serialize};

use crate::claim_settings::read;
use crate::{App, AppError};

pub const APPROVAL_KEY: &str = "claim_approval";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Approval {
    pub(crate) required: bool,
}

/// Whether the organization's claim reports need an approver.
pub async fn approval_required(app: &App, org: OrganizationId) -> Result<bool, AppError> {
    let a: Approval = read(app, SettingScope::Organization(org), APPROVAL_KEY).await?;
    Ok(a.required)
}
