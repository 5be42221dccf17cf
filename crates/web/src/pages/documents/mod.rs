//! Documents (FEATURES A6): the inbox across all contexts and its
//! download, a document's page and its file, downloaded or previewed
//! inline. Every route with an id looks the document up through the
//! principal's scope before it checks the Documents menu area.

mod files;
mod list;
pub(crate) use list::sample as list_sample;
mod page;

use kp_domain::DocumentId;

use crate::error::WebError;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/documents", list::page)
        .get("/documents.csv", list::export)
        .get("/documents/{id}", page::show)
        .get("/documents/{id}/file", files::download)
        .get("/documents/{id}/preview", files::preview)
}

/// The documents area and the area of the document's record: a profile
/// without contracts does not open a policy document either (403, after
/// the scope lookup).
fn require_document_area(
    principal: &kp_domain::Principal,
    document: &kp_app::document_files::DocumentFile,
) -> Result<(), WebError> {
    let context = kp_domain::DocumentContextKind::of(
        document.contract_id,
        document.object_id,
        document.claim_id,
        document.finance_item_id,
    );
    if principal.permissions.shows_document(context) {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

/// Not a number is the same as a number that names nothing.
fn parse_id(id: &str) -> Result<DocumentId, WebError> {
    id.parse().map(DocumentId).map_err(|_| WebError::NotFound)
}

/// Media types served as what they are; anything else is sent as
/// `application/octet-stream`, so a stored type can never make the browser
/// render HTML or script from a document.
const SERVED_TYPES: &[(&str, &str)] = &[
    ("application/pdf", "application/pdf"),
    ("image/png", "image/png"),
    ("image/jpeg", "image/jpeg"),
    ("image/gif", "image/gif"),
    ("image/webp", "image/webp"),
    ("text/plain", "text/plain; charset=utf-8"),
];

/// The `Content-Type` a stored media type is served with.
fn served_type(stored: &str) -> &'static str {
    let essence = stored
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    SERVED_TYPES
        .iter()
        .find(|(t, _)| *t == essence)
        .map_or("application/octet-stream", |(_, served)| served)
}

/// How a document can be shown inline on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
enum PreviewKind {
    Pdf,
    Image,
}

fn preview_kind(stored: &str) -> Option<PreviewKind> {
    match served_type(stored) {
        "application/pdf" => Some(PreviewKind::Pdf),
        t if t.starts_with("image/") => Some(PreviewKind::Image),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_types_keep_their_type() {
        assert_eq!(served_type("application/pdf"), "application/pdf");
        assert_eq!(served_type("IMAGE/PNG"), "image/png");
        assert_eq!(
            served_type("text/plain; charset=latin1"),
            "text/plain; charset=utf-8"
        );
        for hostile in [
            "text/html",
            "image/svg+xml",
            "application/xhtml+xml",
            "",
            "text/javascript",
        ] {
            assert_eq!(
                served_type(hostile),
                "application/octet-stream",
                "{hostile}"
            );
        }
        assert_eq!(preview_kind("image/jpeg"), Some(PreviewKind::Image));
        assert_eq!(preview_kind("application/pdf"), Some(PreviewKind::Pdf));
        assert_eq!(preview_kind("text/plain"), None);
        assert_eq!(preview_kind("image/svg+xml"), None);
    }
}
