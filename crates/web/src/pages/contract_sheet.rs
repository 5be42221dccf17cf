//! The contract master sheet as a PDF download (FEATURES B10). kp-app
//! builds the document; this module supplies the words in the user's
//! language and the download headers.

use axum::extract::Path;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::response::IntoResponse;
use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;
use kp_app::contract_sheet::{self, Words};
use kp_domain::{ContractId, Language};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::format;
use crate::i18n;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/contracts/{id}/sheet.pdf", sheet)
}

async fn sheet(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    // Not a number is the same as a number that names nothing.
    let id = id.parse().map(ContractId).map_err(|_| WebError::NotFound)?;
    let words = PdfWords(ctx.language);
    // The use case looks the contract up through the scope before it
    // checks the profile: outside the scope is the plain 404.
    let sheet = contract_sheet::render(&ctx.state.app, principal, id, &words).await?;
    let name = i18n::text_with(
        ctx.language,
        "sheet-file-name",
        &[("number", FluentValue::from(sheet.policy_number.as_str()))],
    );
    let mut response = sheet.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(CONTENT_DISPOSITION, attachment(&name)?);
    Ok(response)
}

/// `attachment` with the file name as RFC 6266 wants it: an ASCII
/// `filename` for every client and, when the name is not plain ASCII, a
/// UTF-8 `filename*`. Characters that would break the header or a file
/// system become `_`.
pub(crate) fn attachment(name: &str) -> Result<HeaderValue, WebError> {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let ascii: String = safe
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let mut value = format!("attachment; filename=\"{ascii}\"");
    if ascii != safe {
        value.push_str("; filename*=UTF-8''");
        value.push_str(&crate::pages::urlencode(&safe));
    }
    HeaderValue::from_str(&value).map_err(|e| WebError::Internal(e.to_string()))
}

/// The portal's translations and formats for the PDF.
pub(crate) struct PdfWords(pub(crate) Language);

impl Words for PdfWords {
    fn text(&self, key: &str) -> String {
        i18n::text(self.0, key)
    }

    fn text_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(*v)))
            .collect();
        i18n::text_with(self.0, key, &args)
    }

    fn money(&self, minor: i64, currency: &str) -> String {
        // The narrow no-break space of French amounts is not in the PDF
        // fonts' encoding; a plain no-break space is.
        format::money(self.0, minor, currency).replace('\u{202f}', "\u{a0}")
    }

    fn date(&self, date: NaiveDate) -> String {
        format::date(self.0, &date.to_string())
    }

    fn label(&self, prefix: &str, code: &str) -> String {
        i18n::label(self.0, prefix, code)
    }

    fn lang_tag(&self) -> String {
        self.0.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_in_the_header() {
        let plain = attachment("Vertragsstammblatt-AL-080-123.pdf").unwrap();
        assert_eq!(
            plain.to_str().unwrap(),
            "attachment; filename=\"Vertragsstammblatt-AL-080-123.pdf\""
        );
        let odd = attachment("Fiche \"X/1\"\r\n.pdf").unwrap();
        assert_eq!(
            odd.to_str().unwrap(),
            "attachment; filename=\"Fiche _X_1___.pdf\""
        );
        let accented = attachment("Vertragsstammblätter.pdf").unwrap();
        assert_eq!(
            accented.to_str().unwrap(),
            "attachment; filename=\"Vertragsstammbl_tter.pdf\"; \
             filename*=UTF-8''Vertragsstammbl%C3%A4tter.pdf"
        );
    }
}
