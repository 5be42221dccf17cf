//! One insured object as a principal may see it (FEATURES A3).

use kp_domain::fields;
use kp_domain::{ObjectId, Principal, RecordRef};
pub use kp_storage::contracts::ClaimRow;
pub use kp_storage::objects::ObjectDetail;

use crate::attached::{self, AttachedDocument};
use crate::{App, AppError};

#[derive(Debug, Clone)]
pub struct ObjectPage {
    pub object: ObjectDetail,
    pub claims: Vec<ClaimRow>,
    pub documents: Vec<AttachedDocument>,
}

/// The object with its visible claims and documents; `NotFound` when it
/// does not exist or lies outside the principal's scope (the same).
pub async fn detail(
    app: &App,
    principal: &Principal,
    id: ObjectId,
) -> Result<ObjectPage, AppError> {
    let (mut object, claims) = kp_storage::objects::detail(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !principal.permissions.shows_field(fields::OBJECT_VALUE) {
        object.value_minor = None;
    }
    Ok(ObjectPage {
        object,
        claims,
        documents: attached::documents(app, principal, RecordRef::Object(id)).await?,
    })
}
