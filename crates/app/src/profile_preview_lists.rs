//! The permission profile preview's lists: the first rows of every list
//! page a user with the profile has (contracts, objects, claims,
//! documents, finances), read through the portal's own list use cases
//! ([`crate::lists`]) with the preview's user, so hidden areas are absent
//! and hidden fields are left out by the same code as in the portal.
//! Rows outside the staff member's own scope are dropped: an
//! organization's customers can span tenants.

use kp_domain::{MenuArea, Principal, Scope};
use kp_storage::preview_rows::{self, RecordKind};

use crate::lists::{
    self, ClaimListRow, ContractRow, DocumentRow, FinanceRow, Listed, ObjectListRow,
};
use crate::{App, AppError};

/// Rows shown per list: enough to recognise the list, few enough for one
/// page with five of them.
pub const SAMPLE_ROWS: usize = 5;

/// One list of the preview; `None` where the profile hides its area.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    pub contracts: Option<Listed<ContractRow>>,
    pub objects: Option<Listed<ObjectListRow>>,
    pub claims: Option<Listed<ClaimListRow>>,
    pub documents: Option<Listed<DocumentRow>>,
    pub finance: Option<Listed<FinanceRow>>,
    /// The claims page offers "report a claim" to the user.
    pub report_claim: bool,
}

/// Keeps the first [`SAMPLE_ROWS`] rows that `staff_scope` shows too.
async fn sample<R>(
    app: &App,
    staff_scope: &Scope,
    kind: RecordKind,
    mut listed: Listed<R>,
    id: impl Fn(&R) -> i64,
) -> Result<Listed<R>, AppError> {
    let ids: Vec<i64> = listed.rows.iter().map(&id).collect();
    let shown = preview_rows::visible(&app.db, staff_scope, kind, &ids).await?;
    listed.rows.retain(|r| shown.contains(&id(r)));
    listed.rows.truncate(SAMPLE_ROWS);
    listed.page = 1;
    listed.pages = 1;
    Ok(listed)
}

/// The first page of each list the profile shows `user`, as far as
/// `staff_scope` shows its rows as well.
pub async fn samples(
    app: &App,
    staff_scope: &Scope,
    user: &Principal,
) -> Result<Samples, AppError> {
    let shows = |area| user.permissions.shows_area(area);
    let mut out = Samples {
        report_claim: shows(MenuArea::Claims) && crate::claim_wizard::offered(user),
        ..Samples::default()
    };
    if shows(MenuArea::Contracts) {
        let listed = lists::contracts(app, user, &Default::default(), 1).await?;
        out.contracts =
            Some(sample(app, staff_scope, RecordKind::Contract, listed, |r| r.id).await?);
    }
    if shows(MenuArea::Objects) {
        let listed = lists::objects(app, user, &Default::default(), 1).await?;
        out.objects = Some(sample(app, staff_scope, RecordKind::Object, listed, |r| r.id).await?);
    }
    if shows(MenuArea::Claims) {
        let listed = lists::claims(app, user, &Default::default(), 1).await?;
        out.claims = Some(sample(app, staff_scope, RecordKind::Claim, listed, |r| r.id).await?);
    }
    if shows(MenuArea::Documents) {
        let listed = lists::documents(app, user, &Default::default(), 1).await?;
        out.documents =
            Some(sample(app, staff_scope, RecordKind::Document, listed, |r| r.id).await?);
    }
    if shows(MenuArea::Finances) {
        let listed = lists::finance(app, user, &Default::default(), 1).await?;
        out.finance =
            Some(sample(app, staff_scope, RecordKind::FinanceItem, listed, |r| r.id).await?);
    }
    Ok(out)
}
