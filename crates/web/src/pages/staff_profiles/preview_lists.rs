//! The preview's portal parts: the menu exactly as [`crate::nav`] builds it
//! for a user with the profile, and each list the profile shows, rendered
//! with the list page's own row template and column set (so a hidden
//! field's column is absent as in the portal). Nothing in them posts: the
//! function buttons are shown inert.

use kp_app::profile_preview_lists::Samples;
use kp_app::{App, exchange_rates};
use kp_domain::{Function, MenuArea, Principal};
use serde::Serialize;

use crate::error::WebError;
use crate::listing::ListSample;
use crate::nav::{self, NavItem};
use crate::pages::{claims, contracts, documents, finances, objects};

/// The lists of the preview; `None`: the profile hides the area.
#[derive(Serialize)]
pub(super) struct Lists {
    contracts: Option<ListSample>,
    objects: Option<ListSample>,
    claims: Option<ListSample>,
    documents: Option<ListSample>,
    finances: Option<ListSample>,
}

/// The buttons the portal shows a user with the profile, by where they
/// appear; each is the portal's own label, inert in the preview.
#[derive(Serialize)]
pub(super) struct Buttons {
    /// "Report a claim" on the claims page.
    report_claim: bool,
    /// "Download as CSV" under every list.
    export: bool,
    /// "Upload a document" on a record's page.
    upload: bool,
    /// "Contract master sheet (PDF)" on the contract page.
    sheet: bool,
}

/// The menu of `user` (no entry is current: the preview is no portal page).
pub(super) fn menu(user: &Principal) -> Vec<NavItem> {
    nav::items(Some(user), "", None)
}

pub(super) async fn lists(
    app: &App,
    language: kp_domain::Language,
    user: &Principal,
    samples: &Samples,
) -> Result<Lists, WebError> {
    let currency = exchange_rates::profile(app, user).await?;
    Ok(Lists {
        contracts: samples
            .contracts
            .as_ref()
            .map(|l| contracts::sample(language, user, l)),
        objects: samples
            .objects
            .as_ref()
            .map(|l| objects::list_sample(language, user, l)),
        claims: samples
            .claims
            .as_ref()
            .map(|l| claims::list_sample(language, user, l)),
        documents: samples
            .documents
            .as_ref()
            .map(|l| documents::list_sample(language, user, l)),
        finances: samples
            .finance
            .as_ref()
            .map(|l| finances::list_sample(language, user, l, currency.as_ref())),
    })
}

/// The buttons; `sheet_offered`: the sample contract's broker offers the
/// master sheet.
pub(super) fn buttons(user: &Principal, samples: &Samples, sheet_offered: bool) -> Buttons {
    let p = &user.permissions;
    Buttons {
        report_claim: samples.report_claim,
        export: p.allows(Function::ExportData),
        upload: p.allows(Function::UploadDocument) && p.shows_area(MenuArea::Documents),
        sheet: sheet_offered && p.allows(Function::DownloadReports),
    }
}
