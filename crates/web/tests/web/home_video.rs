//! The welcome video upload: larger than the request body limit (2 MiB),
//! capped by its own limit (`video_upload_limit_bytes`); over it, the
//! settings page with a message at the field (413) and nothing stored.
//! Every other route keeps the 2 MiB limit.

use axum::http::StatusCode;

use crate::harness::{
    Client, TestApp, spawn_app_on_postgres_with_settings, spawn_app_with_settings,
};
use crate::home_support::{csrf, signed_in, upload, upload_with};

const MIB: usize = 1024 * 1024;
/// The limit the tests configure: above the body limit, small enough to
/// exceed quickly.
const VIDEO_LIMIT: usize = 5 * MIB;

/// An MP4 file (an `ftyp` box first) of `len` bytes.
fn mp4(len: usize) -> Vec<u8> {
    let mut bytes = b"\0\0\0\x18ftypmp42\0\0\0\0".to_vec();
    bytes.resize(len, 0x5a);
    bytes
}

/// The files in the blob store.
fn blob_count(app: &TestApp) -> usize {
    let kp_documents::BlobStore::Local(store) = &app.app.blobs;
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .map(|e| e.unwrap())
                .map(|e| {
                    if e.file_type().unwrap().is_dir() {
                        count(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    count(store.root())
}

async fn has_video(client: &mut Client<'_>) -> bool {
    client
        .get("/settings/home")
        .await
        .body
        .replace("&#x2f;", "/")
        .contains("/home/video?v=")
}

async fn large_videos_up_to_their_own_limit(app: &TestApp) {
    let mut petra = signed_in(app, "petra").await;
    let token = csrf(&mut petra).await;
    let blobs = blob_count(app);

    // Over the limit, sent with and without a declared length: the page
    // with the message in her language, nothing stored.
    for declared in [true, false] {
        let big = mp4(VIDEO_LIMIT + MIB);
        let r = upload_with(
            &mut petra,
            "/settings/home/video",
            &token,
            "video",
            &big,
            declared,
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "declared: {declared}"
        );
        assert!(r.body.contains("id=\"video-error\""), "{}", r.body);
        assert!(r.body.contains("Das Video ist zu groß."), "{}", r.body);
        assert!(r.body.contains("höchstens 5"), "the limit is named");
        assert!(!has_video(&mut petra).await, "nothing stored");
        assert_eq!(blob_count(app), blobs, "no file written");
    }

    // 3 MiB: above the body limit, within the video limit.
    let video = mp4(3 * MIB);
    let r = upload(&mut petra, "/settings/home/video", &token, "video", &video).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(has_video(&mut petra).await);
    assert_eq!(blob_count(app), blobs + 1);
    let page = petra
        .get("/settings/home")
        .await
        .body
        .replace("&#x2f;", "/");
    let start = page.find("/home/video?v=").unwrap();
    let src = page[start..].split('"').next().unwrap().to_owned();
    let served = petra.get(&src).await;
    assert_eq!(served.status, StatusCode::OK, "{src}");
    assert_eq!(served.bytes.len(), video.len());

    // Every other route keeps the body limit: a logo or a form of 3 MiB
    // is refused before any handler runs.
    let r = upload(&mut petra, "/settings/home/logo", &token, "logo", &video).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let filler = "x".repeat(3 * MIB);
    let r = petra
        .post(
            "/settings/home",
            &[("_csrf", &token), ("welcome_de", &filler)],
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_welcome_video_may_exceed_the_body_limit_up_to_its_own() {
    let app = spawn_app_with_settings(|_, web| web.video_upload_limit_bytes = VIDEO_LIMIT).await;
    large_videos_up_to_their_own_limit(&app).await;
}

#[tokio::test]
async fn a_welcome_video_may_exceed_the_body_limit_up_to_its_own_on_postgres() {
    let Some((app, pg)) =
        spawn_app_on_postgres_with_settings(|_, web| web.video_upload_limit_bytes = VIDEO_LIMIT)
            .await
    else {
        return;
    };
    large_videos_up_to_their_own_limit(&app).await;
    drop(app);
    pg.drop_db().await;
}

#[tokio::test]
async fn only_administrators_may_send_a_large_video() {
    let app = spawn_app_with_settings(|_, web| web.video_upload_limit_bytes = VIDEO_LIMIT).await;
    let mut stefan = signed_in(&app, "stefan").await;
    let token = stefan.get("/home").await.hidden("_csrf");
    let r = upload(
        &mut stefan,
        "/settings/home/video",
        &token,
        "video",
        &mp4(3 * MIB),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut sabine = signed_in(&app, "sabine").await;
    let r = upload(
        &mut sabine,
        "/settings/home/video",
        &token,
        "video",
        &mp4(MIB),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
