//! The home pages: customers see the broker's dashboard (or the icon
//! view), welcome text, logos, start messages and welcome video; staff see
//! the counts over their tenants.

use axum::Form;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::dashboard::Dashboard;
use kp_app::home_settings::{self, HomeSettings, HomeView as ViewKind};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::nav::{self, NavItem};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/home", home)
        .post("/home/video/dismiss", dismiss_video)
        .merge(super::home_files::routes())
}

#[derive(Serialize)]
struct VideoView {
    /// Our own URL of an uploaded file.
    src: Option<String>,
    /// An external address, shown as a link: the site's CSP allows no
    /// third-party frames or media.
    url: Option<String>,
}

#[derive(Serialize)]
struct HomeView {
    name: String,
    counts: kp_app::home::ScopeCounts,
    role_key: Option<String>,
    icons: bool,
    tiles: Vec<NavItem>,
    dashboard: Option<Dashboard>,
    welcome: Option<String>,
    logo: Option<String>,
    organization_logo: Option<String>,
    messages: Vec<String>,
    video: Option<VideoView>,
    can_edit_settings: bool,
}

/// Short enough for a URL, long enough to change with the content.
pub fn version(sha256: &str) -> &str {
    sha256.get(..16).unwrap_or(sha256)
}

async fn home(ctx: PageCtx) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    let counts = kp_app::home::counts(app, principal).await?;
    let role_key = match &principal.actor {
        kp_domain::Actor::Staff { role, .. } => Some(format!("role-{}", role.as_str())),
        kp_domain::Actor::Portal { .. } => None,
    };
    let settings = home_settings::effective(app, principal).await?;
    let mut view = HomeView {
        name: principal.name.clone(),
        counts,
        role_key,
        icons: false,
        tiles: Vec::new(),
        dashboard: None,
        welcome: settings
            .show_welcome
            .then(|| home_settings::text_for(&settings.welcome, ctx.language))
            .flatten(),
        logo: logo_url(&settings),
        organization_logo: None,
        messages: home_settings::current_messages(app, &settings, ctx.language),
        video: None,
        can_edit_settings: principal.is_admin(),
    };
    if principal.is_staff() {
        return Ok(Html(ctx.render("pages/home_staff.html", "home-title", view)?).into_response());
    }
    if settings.view == ViewKind::Icons {
        view.icons = true;
        view.tiles = nav::items(Some(principal), "/home", None)
            .into_iter()
            .filter(|item| item.href != "/home")
            .collect();
    } else {
        view.dashboard = Some(kp_app::dashboard::load(app, principal).await?);
    }
    if let Some(key) = home_settings::organization_logo(app, principal).await? {
        let hash = key.rsplit('/').next().unwrap_or_default();
        view.organization_logo = Some(format!("/home/organization-logo?v={}", version(hash)));
    }
    view.video = video_view(&ctx, &settings).await?;
    Ok(Html(ctx.render("pages/home_customer.html", "home-title", view)?).into_response())
}

fn logo_url(settings: &HomeSettings) -> Option<String> {
    let logo = settings.logo.as_ref().filter(|_| settings.show_logo)?;
    Some(format!("/home/logo?v={}", version(&logo.sha256)))
}

async fn video_view(
    ctx: &PageCtx,
    settings: &HomeSettings,
) -> Result<Option<VideoView>, crate::error::WebError> {
    let video = &settings.video;
    let principal = ctx.require_user()?;
    if !video.enabled || home_settings::video_dismissed(&ctx.state.app, principal, video).await? {
        return Ok(None);
    }
    Ok(match (&video.file, &video.url) {
        (Some(file), _) => Some(VideoView {
            src: Some(format!("/home/video?v={}", version(&file.sha256))),
            url: None,
        }),
        (None, Some(url)) => Some(VideoView {
            src: None,
            url: Some(url.clone()),
        }),
        (None, None) => None,
    })
}

#[derive(Deserialize)]
struct DismissForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn dismiss_video(ctx: PageCtx, Form(form): Form<DismissForm>) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let principal = ctx.require_user()?;
    home_settings::dismiss_video(&ctx.state.app, principal).await?;
    Ok(Redirect::to("/home").into_response())
}
