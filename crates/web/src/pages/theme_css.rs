//! The corporate and custom theme stylesheets under their hashed names.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::error::WebError;
use crate::routes::Routes;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new().get("/theme/{file}", stylesheet)
}

async fn stylesheet(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let mut theme = state.themes.current(&state.app).await;
    if theme.stylesheet(&file).is_none() {
        // The page may come from another instance that already saw a newer
        // theme; look again before answering 404.
        theme = state.themes.reload(&state.app).await;
    }
    let sheet = theme.stylesheet(&file).ok_or(WebError::NotFound)?;
    Ok((
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        sheet.css.to_string(),
    )
        .into_response())
}
