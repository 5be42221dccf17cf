//! The claim wizard (FEATURES A4): one step per page, plain forms with
//! Back (a link) and Next (a submit), POST-redirect-GET, no script. The
//! first step searches the objects and contracts of the scope; choosing
//! one starts a server-side draft, every later step saves into it. The
//! summary links each step to change it and sends the report; the report's
//! page (`/claims/reports/{id}`) confirms it with the reference number.
//! The documents and photos step ([`documents`]) is a multipart form with
//! its own receiving route.
//! Use cases in `kp_app::claim_wizard`.

pub(crate) mod choose;
pub(crate) mod documents;
mod documents_form;
pub(crate) mod report;
pub(crate) mod steps;

use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::HeaderMap;
use kp_app::claim_wizard::{DraftData, Step};
use serde::Serialize;

use crate::context::PageCtx;
use crate::format;
use crate::routes::Routes;
use kp_domain::Language;

/// The draft routes of each step: fixed paths (not a `{step}` parameter),
/// so every route has exactly one record id.
const STEP_PATHS: &[(&str, Step)] = &[
    ("/claims/drafts/{id}/loss", Step::Loss),
    ("/claims/drafts/{id}/type", Step::Type),
    ("/claims/drafts/{id}/what", Step::What),
    ("/claims/drafts/{id}/amount", Step::Amount),
    ("/claims/drafts/{id}/parties", Step::Parties),
    ("/claims/drafts/{id}/contact", Step::Contact),
];

/// Currencies offered besides the contract's.
const CURRENCIES: &[&str] = &["EUR", "CHF", "GBP", "USD"];

pub fn routes() -> Routes {
    let mut routes = Routes::new()
        .get("/claims/report", choose::start_page)
        .post("/claims/report", choose::start)
        .get(
            "/claims/drafts/{id}/object",
            |ctx: PageCtx, id: Path<String>, q: Query<choose::SearchQuery>| {
                choose::page(ctx, id, q, Mode::Own)
            },
        )
        .post(
            "/claims/drafts/{id}/object",
            |ctx: PageCtx, id: Path<String>, form: Form<choose::ChoiceForm>| {
                choose::save(ctx, id, form, Mode::Own)
            },
        );
    for (path, step) in STEP_PATHS {
        let step = *step;
        routes = routes
            .get(path, move |ctx: PageCtx, id: Path<String>| {
                steps::page(ctx, id, step, Mode::Own)
            })
            .post(
                path,
                move |ctx: PageCtx, id: Path<String>, form: Form<steps::StepForm>| {
                    steps::save(ctx, id, form, step, Mode::Own)
                },
            );
    }
    routes
        .get(
            "/claims/drafts/{id}/documents",
            |ctx: PageCtx, id: Path<String>, q: Query<documents::StepQuery>| {
                documents::page(ctx, id, q, Mode::Own)
            },
        )
        .post(
            "/claims/drafts/{id}/documents/remove",
            |ctx: PageCtx, id: Path<String>, form: Form<documents::RemoveForm>| {
                documents::remove(ctx, id, form, Mode::Own)
            },
        )
        .get("/claims/drafts/{id}/summary", steps::summary)
        .post("/claims/drafts/{id}/send", steps::send)
        .post("/claims/drafts/{id}/discard", steps::discard)
        .get("/claims/reports/{id}", report::page)
}

/// The documents step's receiving route, outside the request body limit
/// (see [`crate::pages::upload_routes`]): each file is held to the
/// broker's limit while it streams in.
pub fn upload_routes() -> Routes {
    Routes::new().post(
        "/claims/drafts/{id}/documents",
        |ctx: PageCtx, id: Path<String>, headers: HeaderMap, body: Body| {
            documents::receive(ctx, id, headers, body, Mode::Own)
        },
    )
}

fn draft_path(id: i64, step: Step) -> String {
    Mode::Own.path(id, step)
}

/// Whose pages of a draft: the drafter's wizard, or an approver's review
/// of a draft awaiting approval (`/claims/approvals/{id}` and its steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Mode {
    Own,
    Approval,
}

impl Mode {
    pub(crate) fn path(self, id: i64, step: Step) -> String {
        match (self, step) {
            (Mode::Own, _) => format!("/claims/drafts/{id}/{}", step.slug()),
            // The approver's summary is the draft's review page.
            (Mode::Approval, Step::Summary) => format!("/claims/approvals/{id}"),
            (Mode::Approval, _) => format!("/claims/approvals/{id}/{}", step.slug()),
        }
    }
}

/// The progress shown on every step: each step's name, the current one
/// marked.
#[derive(Serialize)]
struct Progress {
    step: &'static str,
    number: usize,
    total: usize,
    steps: Vec<&'static str>,
    /// The previous step's page, for the Back link.
    back: Option<String>,
}

impl Progress {
    fn in_mode(step: Step, draft: Option<i64>, mode: Mode) -> Progress {
        Progress {
            step: step.slug(),
            number: step.number(),
            total: Step::ALL.len(),
            steps: Step::ALL.iter().map(|s| s.slug()).collect(),
            back: match (step.previous(), draft) {
                (Some(prev), Some(id)) => Some(mode.path(id, prev)),
                _ => None,
            },
        }
    }
}

/// The form's values as text: from the draft, or as typed when a step is
/// shown again with its messages.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[serde(default)]
struct Values {
    date: String,
    time: String,
    place: String,
    claim_type: String,
    description: String,
    amount: String,
    currency: String,
    third_parties: String,
    police_report: String,
    phone: String,
    email: String,
}

impl Values {
    fn of(data: &DraftData, language: Language) -> Values {
        Values {
            date: data.date_of_loss.map(|d| d.to_string()).unwrap_or_default(),
            time: data.time_of_loss.clone(),
            place: data.place.clone(),
            claim_type: data
                .claim_type
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            description: data.description.clone(),
            amount: data
                .amount_minor
                .map(|m| format::plain_amount(language, m))
                .unwrap_or_default(),
            currency: data.currency.clone(),
            third_parties: data.third_parties.clone(),
            police_report: data.police_report.clone(),
            phone: data.contact_phone.clone(),
            email: data.contact_email.clone(),
        }
    }
}
