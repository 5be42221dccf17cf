//! What every list page shares: reading the list's state from the URL
//! (search, filters, sort, direction, page) with a message per bad filter
//! value, building the links that change one part of that state, the
//! column headers and the pager. The state lives only in the URL, so a list
//! is bookmarkable and the back button works; htmx (where JavaScript runs)
//! swaps the list in place and pushes the same URL.

mod columns;
pub mod csv;

pub use columns::{Column, StaffColumn, sees_tenants, shows_column, without_hidden_sort};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kp_app::lists::{ListQuery, Listed, Range, SortColumn};
use kp_domain::{Language, Principal};
use serde::Serialize;

use crate::format;
use crate::pages::urlencode;

/// Longest search text taken from the URL.
const MAX_SEARCH_CHARS: usize = 100;
/// Longest filter value kept for redisplay.
const MAX_VALUE_CHARS: usize = 40;

/// The raw query string of a list, in order.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Params {
        Params(pairs)
    }

    /// The first non-empty value of `key`, trimmed.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .find(|v| !v.is_empty())
    }
}

/// A list's state read from its URL: the parts every list has, the
/// filter values as typed (for the form), the valid ones (for links) and a
/// message per invalid one.
#[derive(Debug)]
pub struct ListState<S> {
    pub search: Option<String>,
    pub sort: S,
    pub descending: bool,
    pub page: u32,
    language: Language,
    params: Params,
    /// Filter name → valid value, in the order read: what links carry.
    valid: Vec<(&'static str, String)>,
    /// Filter name → value as typed: what the form shows.
    typed: BTreeMap<&'static str, String>,
    /// Filter name → translation key of its message.
    errors: BTreeMap<&'static str, &'static str>,
}

impl<S: SortColumn + Default> ListState<S> {
    pub fn read(params: Params, language: Language) -> ListState<S> {
        let search = params
            .get("q")
            .map(|q| q.chars().take(MAX_SEARCH_CHARS).collect::<String>());
        // An unknown sort key is an old or edited link; the default order
        // serves it better than a message.
        let sort = params.get("sort").and_then(S::parse).unwrap_or_default();
        let descending = params.get("dir") == Some("desc");
        let page = params
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1);
        ListState {
            search,
            sort,
            descending,
            page,
            language,
            params,
            valid: Vec::new(),
            typed: BTreeMap::new(),
            errors: BTreeMap::new(),
        }
    }
}

impl<S: SortColumn> ListState<S> {
    fn raw(&mut self, name: &'static str) -> Option<String> {
        let value = self.params.get(name)?.to_owned();
        self.typed
            .insert(name, value.chars().take(MAX_VALUE_CHARS).collect());
        Some(value)
    }

    fn accept<T>(
        &mut self,
        name: &'static str,
        value: &str,
        parsed: Option<T>,
        message: &'static str,
    ) -> Option<T> {
        match parsed {
            Some(v) => {
                self.valid.push((name, value.to_owned()));
                Some(v)
            }
            None => {
                self.errors.insert(name, message);
                None
            }
        }
    }

    /// A closed vocabulary (status, line of business, …).
    pub fn code<T, E>(
        &mut self,
        name: &'static str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        let value = self.raw(name)?;
        let parsed = parse(&value).ok();
        self.accept(name, &value, parsed, "filter-invalid-choice")
    }

    /// A record id offered by a select.
    pub fn id(&mut self, name: &'static str) -> Option<i64> {
        let value = self.raw(name)?;
        let parsed = value.parse::<i64>().ok().filter(|id| *id > 0);
        self.accept(name, &value, parsed, "filter-invalid-choice")
    }

    /// `yes` / `no`.
    pub fn flag(&mut self, name: &'static str) -> Option<bool> {
        let value = self.raw(name)?;
        let parsed = match value.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        self.accept(name, &value, parsed, "filter-invalid-choice")
    }

    /// A date as `<input type="date">` sends it (`2026-12-31`).
    pub fn date(&mut self, name: &'static str) -> Option<NaiveDate> {
        let value = self.raw(name)?;
        let parsed = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
        self.accept(name, &value, parsed, "filter-invalid-date")
    }

    /// An amount in the user's notation, in minor units.
    pub fn amount(&mut self, name: &'static str) -> Option<i64> {
        let value = self.raw(name)?;
        let parsed = format::parse_amount(self.language, &value);
        self.accept(name, &value, parsed, "filter-invalid-amount")
    }

    /// `<name>_from` and `<name>_to` as a date range.
    pub fn date_range(&mut self, from: &'static str, to: &'static str) -> Range<NaiveDate> {
        let range = Range {
            from: self.date(from),
            to: self.date(to),
        };
        self.check_order(range, to)
    }

    pub fn amount_range(&mut self, from: &'static str, to: &'static str) -> Range<i64> {
        let range = Range {
            from: self.amount(from),
            to: self.amount(to),
        };
        self.check_order(range, to)
    }

    /// A range whose end lies before its start matches nothing; say so.
    fn check_order<T: PartialOrd + Copy>(&mut self, range: Range<T>, to: &'static str) -> Range<T> {
        match (range.from, range.to) {
            (Some(a), Some(b)) if b < a => {
                self.errors.insert(to, "filter-range-reversed");
                self.valid.retain(|(k, _)| *k != to);
                Range {
                    from: range.from,
                    to: None,
                }
            }
            _ => range,
        }
    }

    /// The storage query for these filters: every row (the page is
    /// chosen by the use case).
    pub fn query<F>(&self, filters: F) -> ListQuery<F, S> {
        ListQuery {
            search: self.search.clone(),
            filters,
            sort: self.sort,
            descending: self.descending,
            page: None,
        }
    }

    /// The link to this list with another order or page; filters and
    /// search stay as they are.
    pub fn href(&self, base: &str, sort: S, descending: bool, page: u32) -> String {
        let mut parts = self.filter_parts();
        parts.push(format!("sort={}", sort.key()));
        if descending {
            parts.push("dir=desc".to_owned());
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        format!("{base}?{}", parts.join("&"))
    }

    /// The same rows as a download: every page, the current order.
    pub fn export_href(&self, base: &str) -> String {
        self.download_href(base, "csv")
    }

    /// The same rows as a `<base>.<extension>` download (CSV, PDF).
    pub fn download_href(&self, base: &str, extension: &str) -> String {
        let mut parts = self.filter_parts();
        parts.push(format!("sort={}", self.sort.key()));
        if self.descending {
            parts.push("dir=desc".to_owned());
        }
        format!("{base}.{extension}?{}", parts.join("&"))
    }

    /// The filters taken from the URL and valid, in the order read (name,
    /// value as sent): what a report names as applied.
    pub fn applied(&self) -> &[(&'static str, String)] {
        &self.valid
    }

    fn filter_parts(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(q) = &self.search {
            parts.push(format!("q={}", urlencode(q)));
        }
        for (name, value) in &self.valid {
            parts.push(format!("{name}={}", urlencode(value)));
        }
        parts
    }

    /// What the template needs of the state, with the column headers and
    /// the pager for `listed`.
    pub fn view<R>(
        &self,
        base: &str,
        columns: &[Column<S>],
        principal: &Principal,
        listed: &Listed<R>,
    ) -> ListView {
        let shown: Vec<&Column<S>> = columns
            .iter()
            .filter(|c| shows_column(principal, c.field, c.staff))
            .collect();
        let has = |kind| shown.iter().any(|c| c.staff == Some(kind));
        let (back_office, tenants) = (has(StaffColumn::BackOffice), has(StaffColumn::Tenant));
        let headers = shown
            .into_iter()
            .map(|c| {
                let sorted = c.sort.filter(|s| *s == self.sort).map(|_| {
                    if self.descending {
                        "descending"
                    } else {
                        "ascending"
                    }
                });
                Header {
                    label: c.label,
                    numeric: c.numeric,
                    // Clicking the sorted column flips its direction.
                    href: c
                        .sort
                        .map(|s| self.href(base, s, sorted == Some("ascending"), 1)),
                    sorted,
                }
            })
            .collect();
        ListView {
            base: base.to_owned(),
            total: listed.total,
            search: self.search.clone().unwrap_or_default(),
            values: self.typed.clone(),
            errors: self.errors.clone(),
            headers,
            sort: self.sort.key(),
            descending: self.descending,
            page: listed.page,
            pages: listed.pages,
            previous: (listed.page > 1)
                .then(|| self.href(base, self.sort, self.descending, listed.page - 1)),
            next: (listed.page < listed.pages)
                .then(|| self.href(base, self.sort, self.descending, listed.page + 1)),
            export: self.export_href(base),
            pdf: None,
            filtered: !self.valid.is_empty() || self.search.is_some(),
            back_office,
            tenants,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Header {
    label: &'static str,
    href: Option<String>,
    /// `ascending` / `descending` for the sorted column (aria-sort).
    sorted: Option<&'static str>,
    numeric: bool,
}

/// The parts of a list page every list template uses (`partials/list.html`).
#[derive(Debug, Serialize)]
pub struct ListView {
    base: String,
    total: i64,
    search: String,
    values: BTreeMap<&'static str, String>,
    errors: BTreeMap<&'static str, &'static str>,
    headers: Vec<Header>,
    sort: &'static str,
    descending: bool,
    page: u32,
    pages: u32,
    previous: Option<String>,
    next: Option<String>,
    export: String,
    /// The PDF report of the same rows, where the list has one and the
    /// user may download it.
    pdf: Option<String>,
    filtered: bool,
    /// The row macros add the staff columns' cells (`l.staff_cells`).
    back_office: bool,
    tenants: bool,
}

impl ListView {
    pub fn offer_pdf(&mut self, href: String) {
        self.pdf = Some(href);
    }

    /// Without links: the list's head shown outside its page (the
    /// permission profile preview), where sorting and paging lead nowhere.
    pub fn inert(mut self) -> ListView {
        self.headers.iter_mut().for_each(|h| h.href = None);
        self.previous = None;
        self.next = None;
        self
    }
}

/// A list's head and first rows outside its page (the permission profile
/// preview), rendered with the list's own row template
/// (`partials/table_<list>.html`).
#[derive(Debug, Serialize)]
pub struct ListSample {
    pub list: ListView,
    pub rows: minijinja::Value,
}

impl ListSample {
    /// The head for `principal` (hidden fields' columns left out as on
    /// the list page) over `rows`, in the list's default order.
    pub fn new<S: SortColumn + Default, R, T: Serialize>(
        language: Language,
        base: &str,
        columns: &[Column<S>],
        principal: &Principal,
        listed: &Listed<R>,
        rows: &[T],
    ) -> ListSample {
        let state = ListState::<S>::read(Params::new(Vec::new()), language);
        ListSample {
            list: state.view(base, columns, principal, listed).inert(),
            rows: minijinja::Value::from(minijinja::value::Serde(rows)),
        }
    }
}

#[cfg(test)]
mod tests;
