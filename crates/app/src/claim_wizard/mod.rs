//! The claim wizard (FEATURES A4, D15): a portal user with the
//! `report_claim` function reports a loss one step at a time. The answers
//! are kept as a server-side draft after every step (resumable from any
//! device until sent or discarded); the chosen contract and object are
//! re-checked through the scope whenever the draft is used. Sending
//! ([`send`]) writes the report, its event, tasks and mails in one
//! transaction.
//!
//! The steps are [`Step::ALL`] in order. A new step goes right before
//! [`Step::Summary`]: add it there, give it a [`StepInput`] variant and,
//! if it is required, a line in [`missing`]. The documents and photos
//! step keeps its files in [`documents`].

pub mod approval;
pub mod approval_edit;
pub mod documents;
mod input;
mod notify;
mod send;
mod step;

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{Actor, ClaimType, Function, LineOfBusiness, MenuArea, PortalUserId, Principal};
pub use kp_storage::claim_drafts::DraftListRow;
use kp_storage::claim_drafts::{self, DraftValues};
use kp_storage::claim_reports;
pub use kp_storage::claim_reports::ReportRow;
use kp_storage::claim_targets;
pub use kp_storage::claim_targets::{Target, TargetRow};
use serde::{Deserialize, Serialize};

pub use input::{AmountInput, StepInput};
pub use send::{Sent, send};
pub use step::Step;

use crate::{App, AppError, FieldError};

/// Choices per page in the first step.
pub const CHOICES_PER_PAGE: u32 = 10;

/// The answers of a draft (stored as JSON; unknown fields of an older or
/// newer version are ignored, missing ones empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftData {
    pub date_of_loss: Option<NaiveDate>,
    /// `HH:MM` or empty.
    pub time_of_loss: String,
    pub place: String,
    pub claim_type: Option<ClaimType>,
    pub description: String,
    pub amount_minor: Option<i64>,
    pub currency: String,
    pub third_parties: String,
    pub police_report: String,
    pub contact_phone: String,
    pub contact_email: String,
}

impl DraftData {
    fn from_json(json: &str) -> DraftData {
        serde_json::from_str(json).unwrap_or_else(|err| {
            tracing::warn!(%err, "claim draft unreadable; starting it empty");
            DraftData::default()
        })
    }

    fn to_json(&self) -> Result<String, AppError> {
        serde_json::to_string(self).map_err(|e| AppError::Internal(format!("claim draft: {e}")))
    }
}

/// A draft with the contract and object it is about, as the scope shows
/// them now.
#[derive(Debug, Clone)]
pub struct Draft {
    pub id: i64,
    /// Where the user left off.
    pub step: Step,
    pub data: DraftData,
    pub target: Target,
    pub updated_at: DateTime<Utc>,
    /// `draft`, `awaiting` (approval) or `returned` (with
    /// `review_comment`), see [`approval`].
    pub state: String,
    pub review_comment: String,
}

impl Draft {
    /// Sent for approval: only the approvers change it now.
    pub fn awaiting(&self) -> bool {
        self.state == claim_drafts::STATE_AWAITING
    }

    pub fn line(&self) -> LineOfBusiness {
        LineOfBusiness::parse(&self.target.line_of_business).unwrap_or(LineOfBusiness::Other)
    }

    /// The claim types offered for the chosen contract's line.
    pub fn claim_types(&self) -> &'static [ClaimType] {
        self.line().claim_types()
    }
}

/// The portal user acting: staff never (the 404 of a page they do not
/// have).
fn portal_user(principal: &Principal) -> Result<PortalUserId, AppError> {
    match principal.actor {
        Actor::Portal { id, .. } => Ok(id),
        Actor::Staff { .. } => Err(AppError::NotFound),
    }
}

/// A profile without `report_claim` and staff viewing the portal as a
/// customer are refused (403).
fn may_report(principal: &Principal) -> Result<(), AppError> {
    if principal.impersonated_by.is_some() || !principal.permissions.allows(Function::ReportClaim) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// The portal user who may report claims (see [`portal_user`],
/// [`may_report`]).
pub fn reporter(principal: &Principal) -> Result<PortalUserId, AppError> {
    let user = portal_user(principal)?;
    may_report(principal)?;
    Ok(user)
}

/// The user's own draft, then the function: a draft that is not the
/// user's is the 404 of a missing one for everybody, and only the owner
/// of a draft learns that the profile no longer allows reporting (403).
async fn own_draft(
    app: &App,
    principal: &Principal,
    id: i64,
) -> Result<(PortalUserId, claim_drafts::DraftRow), AppError> {
    let user = portal_user(principal)?;
    let row = claim_drafts::get(&app.db, user, id)
        .await?
        .ok_or(AppError::NotFound)?;
    may_report(principal)?;
    Ok((user, row))
}

/// Whether the claims page offers "report a claim".
pub fn offered(principal: &Principal) -> bool {
    reporter(principal).is_ok()
}

/// The objects and contracts the user may report on, matching `text`;
/// objects only when the profile shows them.
pub async fn choices(
    app: &App,
    principal: &Principal,
    text: Option<&str>,
    page: u32,
) -> Result<(Vec<TargetRow>, i64), AppError> {
    reporter(principal)?;
    let with_objects = principal.permissions.shows_area(MenuArea::Objects);
    Ok(claim_targets::search(
        &app.db,
        &principal.scope,
        text,
        with_objects,
        page,
        CHOICES_PER_PAGE,
    )
    .await?)
}

async fn checked_target(
    app: &App,
    principal: &Principal,
    contract: i64,
    object: Option<i64>,
) -> Result<Target, AppError> {
    claim_targets::target(&app.db, &principal.scope, contract, object)
        .await?
        .ok_or(AppError::NotFound)
}

/// Starts a draft on the chosen contract (and object): the contact is
/// prefilled from the account and the customer record, the currency
/// from the contract. `NotFound` for a choice outside the scope.
pub async fn start(
    app: &App,
    principal: &Principal,
    contract: i64,
    object: Option<i64>,
) -> Result<i64, AppError> {
    let user = reporter(principal)?;
    let target = checked_target(app, principal, contract, object).await?;
    let data = DraftData {
        currency: target.currency.clone(),
        contact_email: principal.email.clone(),
        contact_phone: target.customer_phone.clone(),
        ..DraftData::default()
    };
    let json = data.to_json()?;
    let values = DraftValues {
        contract_id: Some(target.contract_id),
        object_id: target.object_id,
        step: Step::Object.next().slug(),
        data: &json,
        at: app.clock.now(),
    };
    Ok(claim_drafts::create(&app.db, user, &values).await?)
}

/// The user's draft `id`; `NotFound` for another user's or a sent one,
/// and when its contract or object has left the user's scope.
pub async fn load(app: &App, principal: &Principal, id: i64) -> Result<Draft, AppError> {
    let (_, row) = own_draft(app, principal, id).await?;
    let contract = row.contract_id.ok_or(AppError::NotFound)?;
    let target = checked_target(app, principal, contract, row.object_id).await?;
    Ok(Draft::of(row, target))
}

/// Applies one step's answers to the draft and saves it; the step to go
/// to next. Bad input is a `Validation` error and changes nothing.
pub async fn save(
    app: &App,
    principal: &Principal,
    id: i64,
    input: StepInput,
) -> Result<Step, AppError> {
    let user = portal_user(principal)?;
    let mut draft = load(app, principal, id).await?;
    if draft.awaiting() {
        return Err(AppError::Conflict);
    }
    let step = input.step();
    if let StepInput::Object { contract, object } = input {
        draft.target = checked_target(app, principal, contract, object).await?;
        // A type chosen for another line of business no longer fits.
        if draft.data.claim_type.is_some_and(|t| !t.fits(draft.line())) {
            draft.data.claim_type = None;
        }
    } else {
        let today = app.clock.now().date_naive();
        let line = draft.line();
        input.apply(&mut draft.data, line, today)?;
    }
    let json = draft.data.to_json()?;
    let values = DraftValues {
        contract_id: Some(draft.target.contract_id),
        object_id: draft.target.object_id,
        step: step.next().slug(),
        data: &json,
        at: app.clock.now(),
    };
    if !claim_drafts::save(&app.db, user, id, &values).await? {
        return Err(AppError::NotFound);
    }
    Ok(step.next())
}

/// Deletes the user's draft with its files (`NotFound` when there is
/// none).
pub async fn discard(app: &App, principal: &Principal, id: i64) -> Result<(), AppError> {
    let (user, _) = own_draft(app, principal, id).await?;
    let mut tx = app.db.begin().await?;
    let keys = documents::take_keys(&mut tx, user, id).await?;
    if claim_drafts::consume(&mut tx, user, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    // After the commit: a failed transaction keeps the draft and its files.
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    crate::uploads::discard_keys(app, &keys).await;
    Ok(())
}

/// The user's open drafts; none for users who may not report claims.
pub async fn drafts(app: &App, principal: &Principal) -> Result<Vec<DraftListRow>, AppError> {
    match reporter(principal) {
        Ok(user) => Ok(claim_drafts::list(&app.db, &principal.scope, user).await?),
        Err(_) => Ok(Vec::new()),
    }
}

/// The required steps the draft has not answered (in order); sending is
/// refused until this is empty.
pub fn missing(data: &DraftData, line: LineOfBusiness) -> Vec<Step> {
    let mut out = Vec::new();
    if data.date_of_loss.is_none() || data.place.trim().is_empty() {
        out.push(Step::Loss);
    }
    if !data.claim_type.is_some_and(|t| t.fits(line)) {
        out.push(Step::Type);
    }
    if data.description.trim().is_empty() {
        out.push(Step::What);
    }
    if data.contact_email.trim().is_empty() && data.contact_phone.trim().is_empty() {
        out.push(Step::Contact);
    }
    out
}

fn missing_error(steps: &[Step]) -> AppError {
    AppError::Validation(
        steps
            .iter()
            .map(|s| FieldError {
                field: s.slug(),
                key: "claim-wizard-missing",
            })
            .collect(),
    )
}

/// Reports of the scope not yet accepted into a claim ("reported, in
/// review"), newest first.
pub async fn open_reports(app: &App, principal: &Principal) -> Result<Vec<ReportRow>, AppError> {
    Ok(claim_reports::open(&app.db, &principal.scope, 50).await?)
}

/// One report, if the scope shows its record.
pub async fn report(app: &App, principal: &Principal, id: i64) -> Result<ReportRow, AppError> {
    claim_reports::detail(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_of_another_line_is_missing() {
        let data = DraftData {
            date_of_loss: NaiveDate::from_ymd_opt(2026, 1, 2),
            place: "Hamburg".into(),
            claim_type: Some(ClaimType::MachineBreakdown),
            description: "Delle".into(),
            contact_email: "a@b.de".into(),
            ..DraftData::default()
        };
        assert_eq!(missing(&data, LineOfBusiness::Motor), vec![Step::Type]);
        assert!(missing(&data, LineOfBusiness::Engineering).is_empty());
    }
}
