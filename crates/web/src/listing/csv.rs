//! Lists as CSV downloads for spreadsheets: UTF-8 with a byte-order mark
//! (so Excel reads umlauts), the separator Excel expects in the user's
//! language (semicolon where the decimal separator is a comma), and cells
//! that a spreadsheet would run as a formula neutralised with a leading
//! apostrophe (OWASP "CSV injection"). Columns a profile hides are left out
//! exactly as on the page.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use kp_domain::{Language, Principal};

use super::columns::{StaffColumn, shows_column};
use crate::context::PageCtx;
use crate::i18n;

/// A column of a download: header, the profile field that hides it, and
/// how a row's cell is written.
pub struct CsvColumn<R> {
    pub label: &'static str,
    pub field: Option<&'static str>,
    pub staff: Option<StaffColumn>,
    pub value: fn(&R, Language) -> String,
}

impl<R> CsvColumn<R> {
    pub const fn new(label: &'static str, value: fn(&R, Language) -> String) -> CsvColumn<R> {
        CsvColumn {
            label,
            field: None,
            staff: None,
            value,
        }
    }

    /// The back office's id, for staff (as [`Column::back_office`](super::Column::back_office)).
    pub const fn back_office(value: fn(&R, Language) -> String) -> CsvColumn<R> {
        CsvColumn {
            label: "col-external-id",
            field: None,
            staff: Some(StaffColumn::BackOffice),
            value,
        }
    }

    /// The record's tenant, for staff of several tenants.
    pub const fn tenant(value: fn(&R, Language) -> String) -> CsvColumn<R> {
        CsvColumn {
            label: "col-tenant",
            field: None,
            staff: Some(StaffColumn::Tenant),
            value,
        }
    }

    /// A column the profile field `field` hides.
    pub const fn hidden(
        label: &'static str,
        field: &'static str,
        value: fn(&R, Language) -> String,
    ) -> CsvColumn<R> {
        CsvColumn {
            label,
            field: Some(field),
            staff: None,
            value,
        }
    }
}

pub fn separator(language: Language) -> char {
    match language {
        Language::En => ',',
        Language::De | Language::Fr | Language::Es => ';',
    }
}

/// The whole file.
pub fn render<R>(
    rows: &[R],
    columns: &[CsvColumn<R>],
    principal: &Principal,
    language: Language,
) -> String {
    let shown: Vec<&CsvColumn<R>> = columns
        .iter()
        .filter(|c| shows_column(principal, c.field, c.staff))
        .collect();
    let sep = separator(language);
    let mut out = String::from('\u{feff}');
    let header: Vec<String> = shown
        .iter()
        .map(|c| i18n::text(language, c.label))
        .collect();
    write_line(&mut out, header.iter().map(String::as_str), sep);
    for row in rows {
        let cells: Vec<String> = shown.iter().map(|c| (c.value)(row, language)).collect();
        write_line(&mut out, cells.iter().map(String::as_str), sep);
    }
    out
}

/// One CSV line (with its CRLF) of `cells`, quoted and neutralised as
/// every download is: for exports written in chunks.
pub fn line<'a>(cells: impl Iterator<Item = &'a str>, sep: char) -> String {
    let mut out = String::new();
    write_line(&mut out, cells, sep);
    out
}

fn write_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>, sep: char) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(sep);
        }
        write_cell(out, cell, sep);
    }
    out.push_str("\r\n");
}

/// RFC 4180 quoting, after neutralising formula starts.
fn write_cell(out: &mut String, cell: &str, sep: char) {
    let neutral;
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        neutral = format!("'{cell}");
        neutral.as_str()
    } else {
        cell
    };
    if cell.contains([sep, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// The rows as a CSV download named after `what` (`file-<what>`) and the
/// date, with the columns the principal's profile shows.
pub fn download<R>(
    ctx: &PageCtx,
    principal: &Principal,
    what: &str,
    rows: &[R],
    columns: &[CsvColumn<R>],
) -> Response {
    let body = render(rows, columns, principal, ctx.language);
    response(&ctx.download_name(what, "csv"), body)
}

/// The download response; `name` is ASCII (`contracts-2026-11-29.csv`).
fn response(name: &str, body: String) -> Response {
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str], sep: char) -> String {
        let mut out = String::new();
        write_line(&mut out, cells.iter().copied(), sep);
        out
    }

    #[test]
    fn formulas_are_neutralised_and_quoting_follows_rfc_4180() {
        assert_eq!(
            line(&["=SUM(A1)", "+1", "-2", "@x", "\tt", "ok"], ';'),
            "'=SUM(A1);'+1;'-2;'@x;'\tt;ok\r\n"
        );
        assert_eq!(
            line(&["a;b", "say \"hi\"", "x,y"], ';'),
            "\"a;b\";\"say \"\"hi\"\"\";x,y\r\n"
        );
        assert_eq!(
            line(&["x,y", "line\nbreak"], ','),
            "\"x,y\",\"line\nbreak\"\r\n"
        );
        assert_eq!(line(&["\r=1"], ','), "\"'\r=1\"\r\n");
    }

    #[test]
    fn separators_follow_the_language() {
        assert_eq!(separator(Language::En), ',');
        assert_eq!(separator(Language::De), ';');
        assert_eq!(separator(Language::Fr), ';');
        assert_eq!(separator(Language::Es), ';');
    }
}
