//! Exchange rates (B9), maintained by staff administrators: the latest rate
//! per currency, a form for one rate and a CSV upload. Portal users get the
//! 404 of an unknown page, other staff 403 (see
//! `kp_app::exchange_rates::require_admin`).

use axum::Form;
use axum::body::Bytes;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::exchange_rates::{self, LineError, RateInput};
use kp_domain::Language;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::format;
use crate::multipart;
use crate::routes::Routes;

const PATH: &str = "/settings/rates";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, page)
        .post(PATH, add)
        .post("/settings/rates/upload", upload)
}

#[derive(Serialize)]
struct RateView {
    currency: String,
    rate: String,
    valid_from: String,
}

#[derive(Serialize, Default)]
struct RatesView {
    rates: Vec<RateView>,
    currencies: &'static [&'static str],
    currency: String,
    rate: String,
    valid_from: String,
    errors: FormErrors,
    line_errors: Vec<LineError>,
    /// `rate` or `file` after a successful save.
    saved: Option<String>,
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

/// A rate as the language writes decimals, with at least four places.
fn rate_text(language: Language, rate_e8: i64) -> String {
    let fraction = format!("{:08}", rate_e8 % 100_000_000);
    let trimmed = fraction.trim_end_matches('0');
    let places = if trimmed.len() < 4 {
        &fraction[..4]
    } else {
        trimmed
    };
    format!(
        "{}{}{places}",
        rate_e8 / 100_000_000,
        format::decimal_separator(language)
    )
}

async fn view(ctx: &PageCtx) -> Result<RatesView, WebError> {
    let principal = ctx.require_user()?;
    let rates = exchange_rates::latest(&ctx.state.app, principal).await?;
    Ok(RatesView {
        rates: rates
            .into_iter()
            .map(|r| RateView {
                rate: rate_text(ctx.language, r.rate_e8),
                valid_from: r.valid_from.to_string(),
                currency: r.currency,
            })
            .collect(),
        currencies: exchange_rates::CURRENCIES,
        ..RatesView::default()
    })
}

fn render(ctx: &PageCtx, status: StatusCode, view: RatesView) -> WebResult {
    Ok((
        status,
        Html(ctx.render("pages/settings_rates.html", "rates-title", view)?),
    )
        .into_response())
}

async fn page(ctx: PageCtx, Query(saved): Query<Saved>) -> WebResult {
    let mut view = view(&ctx).await?;
    view.saved = saved.saved.filter(|s| s == "rate" || s == "file");
    render(&ctx, StatusCode::OK, view)
}

#[derive(Deserialize)]
struct RateForm {
    #[serde(default)]
    currency: String,
    #[serde(default)]
    rate: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn add(ctx: PageCtx, Form(form): Form<RateForm>) -> WebResult {
    let principal = ctx.require_user()?;
    // The access answer comes first, so a portal user learns nothing,
    // not even that the form token was checked.
    exchange_rates::require_admin(principal)?;
    ctx.check_csrf(&form.csrf)?;
    let input = RateInput {
        currency: form.currency,
        rate: form.rate,
        valid_from: form.valid_from,
    };
    match exchange_rates::add(&ctx.state.app, principal, &input).await {
        Ok(()) => Ok(Redirect::to("/settings/rates?saved=rate").into_response()),
        Err(AppError::Validation(errors)) => {
            let mut view = view(&ctx).await?;
            view.errors = FormErrors::from(errors);
            view.currency = input.currency.chars().take(8).collect();
            view.rate = input.rate.chars().take(32).collect();
            view.valid_from = input.valid_from.chars().take(32).collect();
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(err) => Err(err.into()),
    }
}

async fn upload(ctx: PageCtx, headers: HeaderMap, body: Bytes) -> WebResult {
    let principal = ctx.require_user()?;
    exchange_rates::require_admin(principal)?;
    let parts = multipart::parse(&headers, &body).ok_or(WebError::BadRequest)?;
    ctx.check_csrf(&multipart::text(&parts, "_csrf"))?;
    let file = multipart::data(&parts, "file").unwrap_or_default();
    match exchange_rates::upload(&ctx.state.app, principal, file).await? {
        Ok(_) => Ok(Redirect::to("/settings/rates?saved=file").into_response()),
        Err(line_errors) => {
            let mut view = view(&ctx).await?;
            // A file with thousands of bad lines lists the first hundred.
            view.line_errors = line_errors.into_iter().take(100).collect();
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_show_four_places_or_more() {
        assert_eq!(rate_text(Language::De, 93_050_000), "0,9305");
        assert_eq!(rate_text(Language::En, 100_000_000), "1.0000");
        assert_eq!(rate_text(Language::De, 2_512_345_678), "25,12345678");
    }
}
