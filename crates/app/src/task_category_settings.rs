//! Editing the task categories per area and origin (D14) on
//! `/settings/tasks`: the table `kp_app::task_categories` reads, stored at
//! the administrator's setting scope (one tenant, else global).

use kp_domain::Principal;
use kp_storage::settings::{self, SettingScope};

use crate::home_settings::edited_scope;
use crate::task_categories::{CategoryTable, KEY};
use crate::{App, AppError, FieldError};

/// Longest category text.
pub const MAX_CHARS: usize = 100;

/// The table an administrator edits (403 for anyone else); empty when
/// nothing is stored at their scope.
pub async fn for_editing(app: &App, principal: &Principal) -> Result<CategoryTable, AppError> {
    let scope = edited_scope(principal)?;
    Ok(match settings::get(&app.db, scope, KEY).await? {
        Some(json) => serde_json::from_str(&json).unwrap_or_default(),
        None => CategoryTable::default(),
    })
}

/// Checks and stores the table; combinations with both categories empty
/// are left out.
pub async fn save(
    app: &App,
    principal: &Principal,
    mut table: CategoryTable,
) -> Result<(), AppError> {
    let scope: SettingScope = edited_scope(principal)?;
    let bad = |t: &str| t.chars().count() > MAX_CHARS || t.chars().any(char::is_control);
    let invalid = table
        .values()
        .flat_map(|o| o.values())
        .any(|c| bad(&c.category1) || bad(&c.category2));
    if invalid {
        return Err(AppError::Validation(vec![FieldError {
            field: "categories",
            key: "task-settings-invalid",
        }]));
    }
    for by_origin in table.values_mut() {
        by_origin.retain(|_, c| !(c.category1.is_empty() && c.category2.is_empty()));
    }
    table.retain(|_, by_origin| !by_origin.is_empty());
    let json = serde_json::to_string(&table).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, scope, KEY, &json, app.clock.now()).await?;
    Ok(())
}
