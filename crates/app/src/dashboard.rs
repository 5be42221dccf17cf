//! The customer dashboard's cards: each read only when the profile shows
//! its area, every read through the principal's scope.

use kp_domain::{Actor, MenuArea, Principal};
use kp_storage::dashboard::{self, DueItem, LineCount, OpenClaim};
use serde::Serialize;

use crate::{App, AppError};

const LATEST_CLAIMS: i64 = 3;
const NEXT_DUE: i64 = 5;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Dashboard {
    /// `None` where the profile hides the card's area.
    pub open_claims: Option<i64>,
    pub latest_claims: Vec<OpenClaim>,
    pub new_documents: Option<i64>,
    pub unread_messages: Option<i64>,
    pub lines: Option<Vec<LineCount>>,
    pub next_due: Option<Vec<DueItem>>,
}

/// The cards that depend on the scope alone, reused for a short time per
/// scope like the home page's counts (each walks the scope's claims,
/// contracts or finance items: milliseconds for an industrial group).
#[derive(Debug, Clone, Default)]
pub(crate) struct ScopeCards {
    latest_claims: Vec<OpenClaim>,
    lines: Vec<LineCount>,
    next_due: Vec<DueItem>,
}

async fn scope_cards(app: &App, scope: &kp_domain::Scope) -> Result<ScopeCards, AppError> {
    if let Some(cards) = app.dashboards.get(scope) {
        return Ok(cards);
    }
    let cards = ScopeCards {
        latest_claims: dashboard::latest_open_claims(&app.db, scope, LATEST_CLAIMS).await?,
        lines: dashboard::contracts_by_line(&app.db, scope).await?,
        next_due: dashboard::next_due(&app.db, scope, NEXT_DUE).await?,
    };
    app.dashboards.put(scope, &cards);
    Ok(cards)
}

pub async fn load(app: &App, principal: &Principal) -> Result<Dashboard, AppError> {
    let shows = |area| principal.permissions.shows_area(area);
    let scope = &principal.scope;
    let mut out = Dashboard::default();
    let cards = scope_cards(app, scope).await?;
    if shows(MenuArea::Claims) {
        // The count shares the home page's cache.
        out.open_claims = Some(crate::home::counts(app, principal).await?.open_claims);
        out.latest_claims = cards.latest_claims;
    }
    if shows(MenuArea::Documents) {
        out.new_documents = Some(crate::document_files::count_new(app, principal).await?);
    }
    if let Actor::Portal { id, .. } = &principal.actor
        && shows(MenuArea::Messages)
    {
        out.unread_messages = Some(dashboard::unread_messages(&app.db, scope, *id).await?);
    }
    if shows(MenuArea::Contracts) {
        out.lines = Some(cards.lines);
    }
    if shows(MenuArea::Finances) {
        out.next_due = Some(cards.next_due);
    }
    Ok(out)
}
