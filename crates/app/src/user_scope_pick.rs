//! The object and claim pickers of a portal user's scope (D3): search and
//! page what may be chosen (a site has thousands of objects, so nothing is
//! loaded whole), add and remove single records, add every record matching
//! a search in one statement, and lift the restriction. Checks, audit and
//! cache as in [`crate::user_scope`].
//!
//! The page and the change themselves ([`page_in`], [`apply`]) are shared
//! with the organization administrator's pickers
//! ([`crate::org_admin::pick_page`]): only who may choose (the
//! [`Pickable`] scopes) and how a refusal and the audit entry are
//! written differ.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use kp_domain::{PortalUserId, Principal, Scope};
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
    /// "No restriction" may be chosen (not by an administrator who is
    /// restricted by this kind of record themselves).
    pub can_clear: bool,
    /// Entries of the list, seen by the one choosing or not.
    pub listed: i64,
    /// The records matching the search that may be chosen.
    pub found: Listed<PickRow>,
    /// The chosen records the one choosing sees.
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
    let pages = (search, found_page, chosen_page);
    page_in(&mut tx, t.user, &t.scope, p, pages, true).await
}

/// A picker page of `p.user` (saved scope `scope`), read in `tx`: the
/// records matching the search that `p` allows, the chosen ones, paged.
pub(crate) async fn page_in(
    tx: &mut Tx,
    user: UserDetail,
    scope: &Scope,
    p: Pickable<'_>,
    (search, found_page, chosen_page): (Option<&str>, u32, u32),
    can_clear: bool,
) -> Result<PickPage, AppError> {
    let (rows, total) = store::search_page(tx, p, search, page_no(found_page)).await?;
    let found = listed(rows, total, found_page);
    let (rows, total) = store::chosen_page(tx, p, page_no(chosen_page)).await?;
    let chosen = listed(rows, total, chosen_page);
    let restricted = match p.kind {
        PickKind::Objects => scope.object_list().is_some(),
        PickKind::Claims => scope.claim_list().is_some(),
    };
    let count = store::list_len(tx, p.user, p.kind).await?;
    Ok(PickPage {
        user,
        restricted,
        can_clear,
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

/// How [`apply`] ended; on anything but `Done` the caller drops the
/// transaction, so nothing is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    /// Written: the number of entries added or removed.
    Done(u64),
    /// The user changed since the form was opened.
    Stale,
    /// Not possible (translation key).
    Refused(&'static str),
    /// An id the one choosing may not choose (a forged form).
    Foreign,
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
    let n = match apply(&mut tx, app, p, t.user.updated_at, action).await? {
        Applied::Done(n) => n,
        Applied::Stale => return Ok(Changed::Stale),
        Applied::Refused(key) => return Ok(Changed::Refused(key)),
        Applied::Foreign => return Ok(Changed::Refused("scope-refused-foreign")),
    };
    finish(app, tx, &t.view, user, ip, describe(kind, action, n)).await?;
    Ok(Changed::Done(n))
}

/// Writes `action` for `p.user` in `tx`, the user's row guarded by its
/// `updated_at` (`seen`, as read in `tx`). Every posted id is checked
/// against both scopes of `p` first.
pub(crate) async fn apply(
    tx: &mut Tx,
    app: &App,
    p: Pickable<'_>,
    seen: DateTime<Utc>,
    action: &PickAction,
) -> Result<Applied, AppError> {
    let now = app.clock.now();
    let restricted = !matches!(action, PickAction::Clear);
    if let PickAction::Add(ids) | PickAction::Remove(ids) = action {
        if ids.is_empty() {
            return Ok(Applied::Refused("scope-refused-none-chosen"));
        }
        if !store::all_pickable(tx, p, ids).await? {
            return Ok(Applied::Foreign);
        }
    }
    if !store::mark(tx, p.user, p.kind, restricted, seen, now).await? {
        return Ok(Applied::Stale);
    }
    let n = match action {
        PickAction::Add(ids) => store::add(tx, p, ids).await?,
        PickAction::Remove(ids) => store::remove(tx, p.user, p.kind, ids).await?,
        PickAction::AddMatching(text) => store::add_matching(tx, p, text.as_deref()).await?,
        PickAction::Clear => store::clear(tx, p.user, p.kind).await?,
    };
    Ok(Applied::Done(n))
}

/// The audit entry's details of a picker change.
pub(crate) fn describe(kind: PickKind, action: &PickAction, n: u64) -> serde_json::Value {
    let verb = match action {
        PickAction::Add(_) | PickAction::AddMatching(_) => "added",
        PickAction::Remove(_) => "removed",
        PickAction::Clear => "cleared",
    };
    let mut details = serde_json::json!({
        "list": kind.key(),
        "restricted": !matches!(action, PickAction::Clear),
    });
    details[verb] = serde_json::Value::from(n);
    if let PickAction::AddMatching(Some(text)) = action {
        details["search"] = serde_json::Value::from(text.as_str());
    }
    details
}
