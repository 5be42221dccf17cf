//! The list pages' reads: one module per record type, each a scoped,
//! filtered, sorted and paged statement, plus what they share here (the
//! query shape, text search, ranges, order and page). A list with
//! `page: None` returns every matching row (the CSV download), capped at
//! [`MAX_EXPORT_ROWS`].

pub mod choices;
pub mod claims;
pub mod contracts;
pub mod customers;
pub mod documents;
pub mod finance;
pub mod objects;

use chrono::NaiveDate;

use crate::args::Arg;
use crate::scope_sql::Scoped;

/// Most rows one CSV download carries; a larger result asks the user to
/// filter (the page says so).
pub const MAX_EXPORT_ROWS: u32 = 50_000;

/// An option of a filter select: a record's id and name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// A list's state: text search, the record type's filters, order and page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery<F, S> {
    /// Matched case-insensitively as a substring of the list's text columns.
    pub search: Option<String>,
    pub filters: F,
    pub sort: S,
    pub descending: bool,
    /// `None`: all rows (export).
    pub page: Option<Page>,
}

/// One page of a list: `number` from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: u32,
    pub size: u32,
}

/// An inclusive range; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Range<T> {
    pub from: Option<T>,
    pub to: Option<T>,
}

impl<T> Range<T> {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// A sortable column of a list: its URL key and its ORDER BY expression.
pub trait SortColumn: Copy + Eq + 'static {
    /// Every column, in display order.
    const ALL: &'static [Self];
    fn key(self) -> &'static str;
    /// SQL; never user text.
    fn expression(self) -> &'static str;

    fn parse(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.key() == key)
    }
}

/// ` AND (LOWER(a) LIKE $n ESCAPE '\' OR …)` for a non-empty search.
pub(crate) fn search(q: &mut Scoped<'_>, text: Option<&str>, columns: &[&str]) {
    search_with_plate(q, text, columns, None);
}

/// [`search`], where the licence plate column `plate` also matches the
/// text in any spelling (see [`plate_key`]).
pub(crate) fn search_with_plate(
    q: &mut Scoped<'_>,
    text: Option<&str>,
    columns: &[&str],
    plate: Option<&str>,
) {
    let Some(text) = text.map(str::trim).filter(|s| !s.is_empty()) else {
        return;
    };
    let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
    q.push(" AND (");
    for (i, col) in columns.iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push("LOWER(")
            .push(col)
            .push(") LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\'");
    }
    let key = plate_key(text);
    // A text of only spaces and hyphens would match every plate.
    if let Some(col) = plate.filter(|_| !key.is_empty()) {
        if !columns.is_empty() {
            q.push(" OR ");
        }
        q.push("(")
            .push(col)
            .push(" <> '' AND ")
            .push(&plate_sql(col))
            .push(" LIKE ")
            .bind(format!("%{}%", escape_like(&key)))
            .push(" ESCAPE '\\')");
    } else if columns.is_empty() {
        q.push("FALSE");
    }
    q.push(")");
}

/// A licence plate as compared: lower case, without spaces and hyphens
/// (a clerk on the phone types `m ab1234` for `M-AB 1234`).
pub fn plate_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`plate_key`] in SQL, for a plate column.
pub(crate) fn plate_sql(col: &str) -> String {
    format!("REPLACE(REPLACE(LOWER({col}), ' ', ''), '-', '')")
}

/// ` AND col >= $a AND col <= $b` for the ends that are set.
pub(crate) fn range<T: Into<Arg> + Copy>(q: &mut Scoped<'_>, col: &str, range: Range<T>) {
    if let Some(from) = range.from {
        q.push(" AND ").push(col).push(" >= ").bind(from);
    }
    if let Some(to) = range.to {
        q.push(" AND ").push(col).push(" <= ").bind(to);
    }
}

/// A date range as the inclusive bounds of a date column.
pub type DateRange = Range<NaiveDate>;
/// An amount range in minor units.
pub type AmountRange = Range<i64>;

/// ` AND col = $v` when the filter is set.
pub(crate) fn equals<T: Into<Arg>>(q: &mut Scoped<'_>, col: &str, value: Option<T>) {
    if let Some(value) = value {
        q.push(" AND ").push(col).push(" = ").bind(value);
    }
}

/// ` ORDER BY <sort>, <id> LIMIT … OFFSET …`: the id makes the order total,
/// so that pages neither repeat nor skip rows.
pub(crate) fn order_and_page<F, S: SortColumn>(
    q: &mut Scoped<'_>,
    query: &ListQuery<F, S>,
    id: &str,
) {
    order(q, query, id);
    let (limit, offset) = match query.page {
        Some(page) => {
            // Pages of the list pages are small; a PDF report asks for
            // its whole (capped) table as one page.
            let size = i64::from(page.size.clamp(1, MAX_EXPORT_ROWS));
            (size, i64::from(page.number.max(1) - 1) * size)
        }
        None => (i64::from(MAX_EXPORT_ROWS), 0),
    };
    q.push(" LIMIT ").bind(limit).push(" OFFSET ").bind(offset);
}

/// ` ORDER BY <sort>, <id>` in the query's direction.
pub(crate) fn order<F, S: SortColumn>(q: &mut Scoped<'_>, query: &ListQuery<F, S>, id: &str) {
    let direction = if query.descending { " DESC" } else { " ASC" };
    q.push(" ORDER BY ")
        .push(query.sort.expression())
        .push(direction)
        .push(", ")
        .push(id)
        .push(direction);
}

/// `%`, `_` and the escape character itself match literally.
pub(crate) fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A row with the number of all rows matching (`COUNT(*) OVER ()`), so a
/// page and its total come from one statement.
#[derive(sqlx::FromRow)]
pub(crate) struct Counted<T> {
    #[sqlx(flatten)]
    pub row: T,
    pub total: i64,
}

/// The rows and the total of a counted result.
pub(crate) fn split<T>(rows: Vec<Counted<T>>) -> (Vec<T>, i64) {
    let total = rows.first().map_or(0, |r| r.total);
    (rows.into_iter().map(|r| r.row).collect(), total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plates_compare_without_spaces_hyphens_and_case() {
        for spelling in ["M-AB 1234", "m ab1234", "MAB1234", " m-a-b 12 34 "] {
            assert_eq!(plate_key(spelling), "mab1234", "{spelling}");
        }
    }

    #[test]
    fn like_wildcards_match_literally() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
