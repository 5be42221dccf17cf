//! Who must sign in with a second factor: the broker's setting (global,
//! key `two_factor`) and, always, staff administrators
//! (`Policy::admins_need_two_factor`).

use kp_domain::{Actor, Principal};
use kp_storage::settings::{self, SettingScope};
use serde::{Deserialize, Serialize};

use crate::{App, AppError};

const KEY: &str = "two_factor";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Nobody beyond staff administrators.
    Nobody,
    /// The users of organizations that ask for it
    /// (`organizations.require_two_factor`).
    #[default]
    Organizations,
    /// All staff.
    Staff,
    /// Every user.
    Everyone,
}

impl Requirement {
    pub const ALL: [Requirement; 4] = [
        Requirement::Nobody,
        Requirement::Organizations,
        Requirement::Staff,
        Requirement::Everyone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Requirement::Nobody => "nobody",
            Requirement::Organizations => "organizations",
            Requirement::Staff => "staff",
            Requirement::Everyone => "everyone",
        }
    }

    pub fn parse(s: &str) -> Option<Requirement> {
        Requirement::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Default)]
struct Stored {
    required: Requirement,
}

pub async fn requirement(app: &App) -> Result<Requirement, AppError> {
    let stored = settings::get(&app.db, SettingScope::Global, KEY).await?;
    Ok(stored
        .and_then(|text| serde_json::from_str::<Stored>(&text).ok())
        .unwrap_or_default()
        .required)
}

/// Changes the broker's setting; staff administrators only.
pub async fn set_requirement(
    app: &App,
    principal: &Principal,
    required: Requirement,
) -> Result<(), AppError> {
    if !principal.is_admin() || principal.impersonated_by.is_some() {
        return Err(AppError::Forbidden);
    }
    let value = serde_json::to_string(&Stored { required })
        .map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, SettingScope::Global, KEY, &value, app.clock.now()).await?;
    Ok(())
}

/// Whether `principal` must have a second factor.
pub async fn required_for(app: &App, principal: &Principal) -> Result<bool, AppError> {
    if principal.is_admin() && app.policy.admins_need_two_factor {
        return Ok(true);
    }
    Ok(match requirement(app).await? {
        Requirement::Nobody => false,
        Requirement::Everyone => true,
        Requirement::Staff => principal.is_staff(),
        Requirement::Organizations => match &principal.actor {
            Actor::Portal {
                organization: Some(org),
                ..
            } => kp_storage::two_factor::organization_requires(&app.db, *org).await?,
            _ => false,
        },
    })
}
