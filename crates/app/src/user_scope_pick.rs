//! The object and claim pickers of a portal user's scope (D3): search and
//! page what may be chosen (a site has thousands of objects, so nothing is
//! loaded whole), add and remove single records, add every record matching
//! a search in one statement, and lift the restriction. Checks, audit and
//! cache as in [`crate::user_scope`].

use std::net::IpAddr;

use kp_domain::{PortalUserId, Principal};
use kp_storage::db::Tx;
use kp_storage::lists::Page;
use kp_storage::user_admin::UserDetail;
use kp_storage::user_scope_pick::{self as store, Pickable};
pub use kp_storage::user_scope_pick::{PickKind, PickRow};

use crate::lists::Listed;
use crate::staff_view::is_current;
use crate::user_scope::{Changed, finish, target};
use crate::{App, AppError};

/// Records a picker shows per page.
pub const PICK_PAGE: u32 = 50;

/// What a picker page shows.
pub struct PickPage {
    pub user: UserDetail,
    /// The list applies (set, possibly empty).
    pub restricted: bool,
    /// Entries of the list, seen by the staff member or not.
    pub listed: i64,
    /// The records matching the search that may be chosen.
    pub found: Listed<PickRow>,
    /// The chosen records the staff member sees.
    pub chosen: Listed<PickRow>,
}

fn page_no(number: u32) -> Page {
    Page {
        number: number.max(1),
        size: PICK_PAGE,
    }
}

fn listed(rows: Vec<PickRow>, total: i64, page: u32) -> Listed<PickRow> {
    let pages = u32::try_from((total.max(1) + i64::from(PICK_PAGE) - 1) / i64::from(PICK_PAGE))
        .unwrap_or(u32::MAX);
    Listed {
        rows,
        total,
        page: page.max(1),
        pages,
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn page(
    app: &App,
    principal: &Principal,
    id: i64,
    kind: PickKind,
    search: Option<&str>,
    found_page: u32,
    chosen_page: u32,
) -> Result<PickPage, AppError> {
    let mut tx = app.db.begin().await?;
    let t = target(principal, &mut tx, id).await?;
    let p = Pickable {
        base: &t.base,
        staff: &t.view.scope,
        user: PortalUserId(id),
        kind,
    };
    let (rows, total) = store::search_page(&mut tx, p, search, page_no(found_page)).await?;
    let found = listed(rows, total, found_page);
    let (rows, total) = store::chosen_page(&mut tx, p, page_no(chosen_page)).await?;
    let chosen = listed(rows, total, chosen_page);
    let restricted = match kind {
        PickKind::Objects => t.scope.object_list().is_some(),
        PickKind::Claims => t.scope.claim_list().is_some(),
    };
    let count = store::list_len(&mut tx, PortalUserId(id), kind).await?;
    Ok(PickPage {
        user: t.user,
        restricted,
        listed: count,
        found,
        chosen,
    })
}

/// A change a picker posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickAction {
    Add(Vec<i64>),
    /// Every record matching the search text.
    AddMatching(Option<String>),
    Remove(Vec<i64>),
    /// No restriction by this kind of record.
    Clear,
}

pub async fn act(
    app: &App,
    principal: &Principal,
    id: i64,
    kind: PickKind,
    action: &PickAction,
    seen: &str,
    ip: IpAddr,
) -> Result<Changed, AppError> {
    let mut tx = app.db.begin().await?;
    let t = target(principal, &mut tx, id).await?;
    if !is_current(seen, t.user.updated_at) {
        return Ok(Changed::Stale);
    }
    let user = PortalUserId(id);
    let p = Pickable {
        base: &t.base,
        staff: &t.view.scope,
        user,
        kind,
    };
    let (restricted, verb, n) = match action {
        PickAction::Add(ids) | PickAction::Remove(ids) => {
            if ids.is_empty() {
                return Ok(Changed::Refused("scope-refused-none-chosen"));
            }
            if !store::all_pickable(&mut tx, p, ids).await? {
                return Ok(Changed::Refused("scope-refused-foreign"));
            }
            if !mark(&mut tx, &t, kind, true, app).await? {
                return Ok(Changed::Stale);
            }
            if matches!(action, PickAction::Add(_)) {
                (true, "added", store::add(&mut tx, p, ids).await?)
            } else {
                (
                    true,
                    "removed",
                    store::remove(&mut tx, user, kind, ids).await?,
                )
            }
        }
        PickAction::AddMatching(text) => {
            if !mark(&mut tx, &t, kind, true, app).await? {
                return Ok(Changed::Stale);
            }
            let n = store::add_matching(&mut tx, p, text.as_deref()).await?;
            (true, "added", n)
        }
        PickAction::Clear => {
            if !mark(&mut tx, &t, kind, false, app).await? {
                return Ok(Changed::Stale);
            }
            (false, "cleared", store::clear(&mut tx, user, kind).await?)
        }
    };
    let mut details = serde_json::json!({
        "list": kind.key(),
        "restricted": restricted,
    });
    details[verb] = serde_json::Value::from(n);
    if let PickAction::AddMatching(Some(text)) = action {
        details["search"] = serde_json::Value::from(text.as_str());
    }
    finish(app, tx, &t.view, user, ip, details).await?;
    Ok(Changed::Done(n))
}

/// Sets the list's flag, guarded by the `updated_at` read in `tx`.
async fn mark(
    tx: &mut Tx,
    t: &crate::user_scope::Target,
    kind: PickKind,
    restricted: bool,
    app: &App,
) -> Result<bool, AppError> {
    let user = PortalUserId(t.user.id);
    Ok(store::mark(
        tx,
        user,
        kind,
        restricted,
        t.user.updated_at,
        app.clock.now(),
    )
    .await?)
}
