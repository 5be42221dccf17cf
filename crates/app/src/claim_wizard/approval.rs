//! Four-eyes approval of claim reports (issue 10). Where the drafter's
//! organization wants approval (`claim_settings::approval_required`) and
//! the drafter's profile lacks `submit_claim`, "send" hands the draft to
//! the organization's approvers: portal users of the same organization
//! whose profile has `approve_claims` and whose scope shows the draft's
//! contract and object. They get a mail with a link only (A11). An
//! approver may change the steps (the contract or object and the files in
//! [`super::approval_edit`]), send the draft back with a comment (the
//! drafter gets a link) or submit it, which runs the sending transaction
//! with the drafter as reporter and the approver on record. The broker
//! sees nothing before that.
//!
//! Every action names the state it expects (`awaiting`): an action on a
//! draft another approver submitted or returned meanwhile is `Conflict`
//! and changes nothing.

use kp_domain::{Actor, Function, Language, OrganizationId, PortalUserId, Principal, TenantId};
use kp_storage::claim_approvals;
pub use kp_storage::claim_approvals::AwaitingRow;
use kp_storage::claim_drafts::{DraftRow, DraftValues, STATE_AWAITING};
use kp_storage::claim_targets::{self, Target};
use kp_storage::users::{self, UserRef};

use super::approval_edit::held;
use super::notify::Reporter;
use super::send::{Sender, Sent, complete, write_report};
use super::{Draft, DraftData, Step, StepInput, portal_user};
use crate::claim_settings;
use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError, FieldError};

/// Longest comment of a returned draft.
pub const MAX_COMMENT: usize = 2_000;

/// Whether the user's "send" goes to the approvers.
pub async fn needs_approval(app: &App, principal: &Principal) -> Result<bool, AppError> {
    if principal.permissions.allows(Function::SubmitClaim) {
        return Ok(false);
    }
    match principal.actor {
        Actor::Portal {
            organization: Some(org),
            ..
        } => claim_settings::approval_required(app, org).await,
        _ => Ok(false),
    }
}

/// The approver acting and their organization. Staff: the 404 of a page
/// they do not have; a profile without `approve_claims` and staff viewing
/// the portal as a customer: 403.
fn approver(principal: &Principal) -> Result<(PortalUserId, OrganizationId), AppError> {
    let Actor::Portal {
        id, organization, ..
    } = principal.actor
    else {
        return Err(AppError::NotFound);
    };
    if principal.impersonated_by.is_some() || !principal.permissions.allows(Function::ApproveClaims)
    {
        return Err(AppError::Forbidden);
    }
    organization.map(|o| (id, o)).ok_or(AppError::Forbidden)
}

/// Whether the claims page links to the drafts awaiting approval.
pub fn is_approver(principal: &Principal) -> bool {
    approver(principal).is_ok()
}

/// The drafts awaiting the approver, oldest first.
pub async fn awaiting(app: &App, principal: &Principal) -> Result<Vec<AwaitingRow>, AppError> {
    let (me, org) = approver(principal)?;
    Ok(claim_approvals::awaiting(&app.db, &principal.scope, org, me).await?)
}

/// A draft awaiting approval as the approver sees it.
#[derive(Debug, Clone)]
pub struct Review {
    pub draft: Draft,
    pub drafter: PortalUserId,
    /// The drafter's documents and photos, for the approver to see.
    pub files: Vec<kp_storage::claim_draft_documents::DraftDocumentRow>,
}

/// Draft `id` if it awaits the approver. The draft is looked up first: one
/// of another organization, the user's own or one outside the scope is
/// the 404 of a missing one for every profile; then a profile without
/// `approve_claims` is refused (403); then a draft submitted or returned
/// meanwhile is `Conflict`.
pub(super) async fn find(
    app: &App,
    principal: &Principal,
    id: i64,
) -> Result<(DraftRow, Target), AppError> {
    let Actor::Portal {
        id: me,
        organization: Some(org),
        ..
    } = principal.actor
    else {
        return Err(AppError::NotFound);
    };
    let Some((row, drafter_org)) = claim_approvals::get(&app.db, id).await? else {
        return match claim_approvals::report_of_draft(&app.db, &principal.scope, id).await? {
            Some(_) => {
                approver(principal)?;
                Err(AppError::Conflict)
            }
            None => Err(AppError::NotFound),
        };
    };
    if drafter_org != Some(org.0) || row.portal_user_id == me.0 {
        return Err(AppError::NotFound);
    }
    let contract = row.contract_id.ok_or(AppError::NotFound)?;
    let target = claim_targets::target(&app.db, &principal.scope, contract, row.object_id)
        .await?
        .ok_or(AppError::NotFound)?;
    approver(principal)?;
    if row.state != STATE_AWAITING {
        return Err(AppError::Conflict);
    }
    Ok((row, target))
}

/// The draft `id` awaiting the approver (see [`find`]).
pub async fn review(app: &App, principal: &Principal, id: i64) -> Result<Review, AppError> {
    let (row, target) = find(app, principal, id).await?;
    let drafter = PortalUserId(row.portal_user_id);
    Ok(Review {
        files: kp_storage::claim_draft_documents::list(&app.db, drafter, id).await?,
        drafter,
        draft: Draft::of(row, target),
    })
}

/// An approver's change of one of steps 2–7; the step to show next. The
/// draft is held and its contract and object read through the approver's
/// scope in the writing transaction (`approval_edit::held`).
pub async fn save(
    app: &App,
    principal: &Principal,
    id: i64,
    input: StepInput,
) -> Result<Step, AppError> {
    find(app, principal, id).await?;
    let step = input.step();
    if step == Step::Object {
        // A new contract or object is read through the scope in the
        // writing transaction: `approval_edit::change_object`.
        return Err(AppError::NotFound);
    }
    let at = app.clock.now();
    let mut tx = app.db.begin().await?;
    let (row, target) = held(&mut tx, principal, id, at).await?;
    let mut draft = Draft::of(row, target);
    let line = draft.line();
    input.apply(&mut draft.data, line, at.date_naive())?;
    let json = draft.data.to_json()?;
    let values = DraftValues {
        contract_id: Some(draft.target.contract_id),
        object_id: draft.target.object_id,
        step: Step::Summary.slug(),
        data: &json,
        at,
    };
    if !claim_approvals::save(&mut tx, id, &values).await? {
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    Ok(step.next())
}

/// The drafter's "send" where approval is needed: the draft awaits the
/// approvers, who get their mail. Missing steps are refused as on send.
pub(super) async fn request(app: &App, principal: &Principal, id: i64) -> Result<Sent, AppError> {
    let user = portal_user(principal)?;
    let (_, row) = super::own_draft(app, principal, id).await?;
    let contract = row.contract_id.ok_or(AppError::NotFound)?;
    let target = claim_targets::target(&app.db, &principal.scope, contract, row.object_id)
        .await?
        .ok_or(AppError::NotFound)?;
    complete(&row, &target)?;
    let people = match principal.actor {
        Actor::Portal {
            organization: Some(org),
            ..
        } => approvers(app, org, user, &target).await?,
        _ => Vec::new(),
    };
    if people.is_empty() {
        tracing::warn!(
            draft = id,
            "claim report awaits approval but nobody may approve it"
        );
    }
    let mut tx = app.db.begin().await?;
    if !claim_approvals::request(&mut tx, user, id, app.clock.now()).await? {
        return Ok(Sent::Awaiting);
    }
    let link = app.link(&format!("/claims/approvals/{id}"));
    for p in &people {
        let vars = MailVars {
            name: p.name.clone(),
            link: Some(link.clone()),
            ..MailVars::default()
        };
        mail_templates::queue(
            app,
            &mut tx,
            Some(TenantId(target.tenant_id)),
            MailKind::ClaimApprovalRequested,
            p.language,
            &p.email,
            &vars,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Sent::ForApproval)
}

/// The approvers of a draft: active users of the organization but the
/// drafter, with `approve_claims`, whose scope shows the draft's contract
/// and object (each user's scope as their session builds it).
async fn approvers(
    app: &App,
    org: OrganizationId,
    drafter: PortalUserId,
    target: &Target,
) -> Result<Vec<Principal>, AppError> {
    let mut out = Vec::new();
    for id in claim_approvals::organization_users(&app.db, org).await? {
        if id == drafter {
            continue;
        }
        let Some(p) = users::principal(&app.db, UserRef::Portal(id)).await? else {
            continue;
        };
        if !p.permissions.allows(Function::ApproveClaims) {
            continue;
        }
        let seen =
            claim_targets::target(&app.db, &p.scope, target.contract_id, target.object_id).await?;
        if seen.is_some() {
            out.push(p);
        }
    }
    Ok(out)
}

/// Sends the draft back to the drafter with `comment` (required, at most
/// [`MAX_COMMENT`] characters); the drafter gets a link.
pub async fn send_back(
    app: &App,
    principal: &Principal,
    id: i64,
    comment: &str,
) -> Result<(), AppError> {
    find(app, principal, id).await?;
    let comment = comment.trim();
    if comment.is_empty() || comment.chars().count() > MAX_COMMENT {
        return Err(AppError::Validation(vec![FieldError {
            field: "comment",
            key: "claim-approval-error-comment",
        }]));
    }
    let mut tx = app.db.begin().await?;
    let (_, target) = held(&mut tx, principal, id, app.clock.now()).await?;
    let Some(drafter) = claim_approvals::send_back(&mut tx, id, comment, app.clock.now()).await?
    else {
        return Err(AppError::Conflict);
    };
    if let Some(d) = claim_approvals::drafter(&mut tx, drafter).await? {
        let vars = MailVars {
            name: d.name,
            link: Some(app.link(&format!("/claims/drafts/{id}/summary"))),
            ..MailVars::default()
        };
        let language = Language::parse(&d.language).unwrap_or_default();
        mail_templates::queue(
            app,
            &mut tx,
            Some(TenantId(target.tenant_id)),
            MailKind::ClaimApprovalReturned,
            language,
            &d.email,
            &vars,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Submits the draft: the report, event, tasks and mails as on send, the
/// drafter as reporter and the approver on record. Of two approvers
/// submitting at once, one writes the report, the other gets `Conflict`.
pub async fn submit(app: &App, principal: &Principal, id: i64) -> Result<(i64, String), AppError> {
    let (me, _) = approver(principal)?;
    let (found, _) = find(app, principal, id).await?;
    let mut tx = app.db.begin().await?;
    // Before the draft: its files' rows go with it.
    let drafter_id = PortalUserId(found.portal_user_id);
    let files = super::documents::take(&mut tx, drafter_id, id).await?;
    let Some(row) = claim_approvals::take(&mut tx, id).await? else {
        return Err(AppError::Conflict);
    };
    // Returning early drops the transaction: the draft stays as it was.
    let contract = row.contract_id.ok_or(AppError::NotFound)?;
    let target = claim_targets::target_in(&mut tx, &principal.scope, contract, row.object_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let drafter = claim_approvals::drafter(&mut tx, row.portal_user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reporter = Reporter {
        name: drafter.name,
        email: drafter.email,
        language: Language::parse(&drafter.language).unwrap_or_default(),
    };
    let sender = Sender {
        principal,
        reporter: &reporter,
        approved_by: Some(me),
    };
    let done = write_report(app, &mut tx, &row, &target, &sender, &files).await?;
    tx.commit().await?;
    Ok(done)
}

impl Draft {
    pub(super) fn of(row: DraftRow, target: Target) -> Draft {
        Draft {
            id: row.id,
            step: Step::parse(&row.step).unwrap_or(Step::Loss),
            data: DraftData::from_json(&row.data),
            target,
            updated_at: row.updated_at,
            state: row.state,
            review_comment: row.review_comment,
        }
    }
}
