//! The object and claim pickers of a portal user's scope (D3), shared by
//! staff (`/staff/users/{id}/scope/objects`, `…/claims`) and
//! organization administrators (`/admin/users/{id}/scope/…`): a search
//! over what may be chosen, paged; "add selected", "add all N matching",
//! the paged list of chosen records with "remove selected", and "no
//! restriction". Every change posts the user's `updated_at`; done, it
//! redirects back with the search kept. Only who may choose differs
//! (`kp_app::user_scope_pick` and `kp_app::org_admin::pick_page`).

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kp_app::staff_view::stamp;
use kp_app::user_scope_pick::{PickAction, PickKind, PickPage, PickRow};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::format::number;
use crate::pages::{parse_id, urlencode};

/// Whose pages: the first segment of their paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Staff,
    Admin,
}

impl Side {
    fn key(self) -> &'static str {
        match self {
            Side::Staff => "staff",
            Side::Admin => "admin",
        }
    }

    /// The lead text above the search.
    fn intro(self, kind: PickKind) -> &'static str {
        match (self, kind) {
            (Side::Staff, PickKind::Objects) => "scope-pick-intro-objects",
            (Side::Staff, PickKind::Claims) => "scope-pick-intro-claims",
            (Side::Admin, PickKind::Objects) => "org-admin-pick-intro-objects",
            (Side::Admin, PickKind::Claims) => "org-admin-pick-intro-claims",
        }
    }
}

#[derive(Serialize)]
struct Paged {
    rows: Vec<PickRow>,
    total: i64,
    total_text: String,
    page: u32,
    pages: u32,
}

#[derive(Serialize)]
struct View {
    side: &'static str,
    id: i64,
    name: String,
    stamp: String,
    kind: &'static str,
    intro: &'static str,
    q: String,
    /// `&q=…` for links that keep the search.
    q_param: String,
    restricted: bool,
    can_clear: bool,
    listed: String,
    found: Paged,
    chosen: Paged,
    chosen_page: u32,
    done: Option<&'static str>,
    done_count: i64,
    problem: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    pub q: String,
    pub page: Option<u32>,
    pub chosen_page: Option<u32>,
    pub done: Option<String>,
    pub n: Option<i64>,
}

impl ShowQuery {
    /// The search, `None` when empty.
    pub fn search(&self) -> Option<&str> {
        Some(self.q.trim()).filter(|s| !s.is_empty())
    }

    /// The page of found records and of chosen ones (from 1).
    pub fn pages(&self) -> (u32, u32) {
        (self.page.unwrap_or(1), self.chosen_page.unwrap_or(1))
    }

    /// The query of the page shown again after a refused change.
    pub fn after_post(pairs: &[(String, String)]) -> ShowQuery {
        ShowQuery {
            q: field(pairs, "q"),
            ..ShowQuery::default()
        }
    }
}

/// The messages `?done=` may name.
const DONE: &[(&str, &str)] = &[
    ("added", "scope-done-added"),
    ("removed", "scope-done-removed"),
    ("cleared", "scope-done-cleared"),
];

fn paged(lang: kp_domain::Language, l: kp_app::lists::Listed<PickRow>) -> Paged {
    Paged {
        total_text: number(lang, l.total),
        rows: l.rows,
        total: l.total,
        page: l.page,
        pages: l.pages,
    }
}

fn q_param(q: &str) -> String {
    if q.is_empty() {
        String::new()
    } else {
        format!("&q={}", urlencode(q))
    }
}

/// The picker page; `problem` a translation key shown above with
/// `status`.
pub fn render(
    ctx: &PageCtx,
    side: Side,
    kind: PickKind,
    page: PickPage,
    q: &ShowQuery,
    problem: Option<(&'static str, StatusCode)>,
) -> WebResult {
    let lang = ctx.language;
    let search = q.q.trim();
    let view = View {
        side: side.key(),
        id: page.user.id,
        name: page.user.name,
        stamp: stamp(page.user.updated_at),
        kind: kind.key(),
        intro: side.intro(kind),
        q_param: q_param(search),
        q: search.to_owned(),
        restricted: page.restricted,
        can_clear: page.can_clear,
        listed: number(lang, page.listed),
        chosen_page: page.chosen.page,
        found: paged(lang, page.found),
        chosen: paged(lang, page.chosen),
        done: q
            .done
            .as_deref()
            .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
            .map(|(_, v)| *v),
        done_count: q.n.unwrap_or(0),
        problem: problem.map(|(key, _)| key),
    };
    let title = match kind {
        PickKind::Objects => "scope-objects-title",
        PickKind::Claims => "scope-claims-title",
    };
    let html = ctx.render("pages/user_scope_pick.html", title, view)?;
    let status = problem.map_or(StatusCode::OK, |(_, s)| s);
    Ok((status, Html(html)).into_response())
}

/// Back to the picker after a change, with the search kept.
pub fn done(side: Side, id: i64, kind: PickKind, action: &PickAction, n: u64, q: &str) -> Response {
    let done = match action {
        PickAction::Add(_) | PickAction::AddMatching(_) => "added",
        PickAction::Remove(_) => "removed",
        PickAction::Clear => "cleared",
    };
    Redirect::to(&format!(
        "/{}/users/{id}/scope/{}?done={done}&n={n}{}",
        side.key(),
        kind.key(),
        q_param(q.trim())
    ))
    .into_response()
}

pub fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or_else(String::new, |(_, v)| v.clone())
}

/// The action posted; `None` for an unknown one or an id that is no number
/// (a forged form).
pub fn action(pairs: &[(String, String)]) -> Option<PickAction> {
    let ids = || -> Option<Vec<i64>> {
        pairs
            .iter()
            .filter(|(k, _)| k == "record")
            .map(|(_, v)| parse_id(v))
            .collect()
    };
    Some(match field(pairs, "action").as_str() {
        "add" => PickAction::Add(ids()?),
        "remove" => PickAction::Remove(ids()?),
        "add-matching" => {
            let q = field(pairs, "q");
            PickAction::AddMatching(Some(q.trim().to_owned()).filter(|s| !s.is_empty()))
        }
        "clear" => PickAction::Clear,
        _ => return None,
    })
}
