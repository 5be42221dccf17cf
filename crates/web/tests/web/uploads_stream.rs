//! Uploads over a real connection: a client that goes away half way
//! leaves no file and no row; forged ids and missing functions; and the
//! upload settings page's bounds.

use std::time::Duration;

use axum::http::StatusCode;
use tokio::io::AsyncWriteExt;

use crate::document_files::signed_in;
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::uploads_corpus::{
    BOUNDARY, MIB, blob_keys, contracts_in_and_out, footprint, form, pdf, send, store_root,
};

async fn a_dropped_client_leaves_nothing(app: &TestApp) {
    let (contract, _) = contracts_in_and_out(app, "martina").await;
    let mut martina = signed_in(app, "martina").await;
    let csrf = martina
        .get(&format!("/contracts/{contract}/upload"))
        .await
        .hidden("_csrf");
    let before = footprint(app).await;

    let (addr, server) = app.listen().await;
    let body = form(&csrf, Some("other"), &[("gross.pdf", &pdf(8 * MIB))]);
    let head = format!(
        "POST /contracts/{contract}/documents HTTP/1.1\r\nHost: portal\r\n\
         Cookie: {}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: {}\r\n\r\n",
        martina.cookie_header(),
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..body.len() / 2]).await.unwrap();
    stream.flush().await.unwrap();
    // The server is writing the file by now (a temporary one).
    let incoming = store_root(app).join("incoming");
    let mut started = false;
    for _ in 0..100 {
        if std::fs::read_dir(&incoming).is_ok_and(|mut d| d.next().is_some()) {
            started = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(started, "the upload was being written while it arrived");
    drop(stream);
    let mut left = usize::MAX;
    for _ in 0..100 {
        left = blob_keys(&store_root(app)).len();
        if left == before.2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(left, before.2, "no file left behind");
    assert_eq!(footprint(app).await, before, "no row, no task");
    server.abort();
}

#[tokio::test]
async fn a_client_that_disconnects_half_way_leaves_no_file_and_no_row() {
    let app = spawn_app().await;
    a_dropped_client_leaves_nothing(&app).await;
    if let Some((app, pg)) = spawn_app_on_postgres().await {
        a_dropped_client_leaves_nothing(&app).await;
        drop(app);
        pg.drop_db().await;
    }
}

#[tokio::test]
async fn upload_settings_are_bounded_and_offer_the_chosen_types() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "petra").await;
    let page = petra.get("/settings/uploads").await;
    assert_eq!(page.status, StatusCode::OK);
    let token = page.hidden("_csrf");
    for limit in ["0", "1025", "zehn"] {
        let r = petra
            .post(
                "/settings/uploads",
                &[("_csrf", &token), ("type", "invoice"), ("limit_mib", limit)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{limit}");
        assert!(r.body.contains("von 1 bis 1024"), "{}", r.body);
        assert!(
            r.body.contains(&format!("value=\"{limit}\"")),
            "kept: {limit}"
        );
    }
    let r = petra
        .post(
            "/settings/uploads",
            &[("_csrf", &token), ("limit_mib", "5")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "no type chosen");
    let r = petra
        .post(
            "/settings/uploads",
            &[
                ("_csrf", &token),
                ("type", "invoice"),
                ("type", "claim_photo"),
                ("type_mandatory", "on"),
                ("limit_mib", "5"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // A clerk is staff but no administrator.
    let mut sabine = signed_in(&app, "sabine").await;
    assert_eq!(
        sabine.get("/settings/uploads").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        sabine.get("/settings/tasks").await.status,
        StatusCode::FORBIDDEN
    );

    // The customer's form offers what the administrator chose, if the
    // choice applies to the customer's tenant.
    let (contract, _) = contracts_in_and_out(&app, "martina").await;
    let mut martina = signed_in(&app, "martina").await;
    let page = martina.get(&format!("/contracts/{contract}/upload")).await;
    let tenant_value = kp_app::uploads::settings::for_tenant(
        &app.app,
        kp_domain::TenantId(
            crate::uploads_corpus::count(
                &app,
                &format!("SELECT tenant_id FROM contracts WHERE id = {contract}"),
            )
            .await,
        ),
    )
    .await
    .unwrap();
    // Petra administers both tenants: she edits the global value, which
    // every tenant without its own follows.
    assert_eq!(tenant_value.limit_mib, 5);
    assert!(page.body.contains("value=\"claim_photo\""));
    assert!(!page.body.contains("value=\"policy\""));
    assert!(page.body.contains(" required"));
}

async fn foreign_records_and_missing_functions(app: &TestApp) {
    let (_, foreign) = contracts_in_and_out(app, "martina").await;
    let mut martina = signed_in(app, "martina").await;
    let csrf = martina.get("/home").await.hidden("_csrf");
    let before = footprint(app).await;
    let body = form(&csrf, Some("other"), &[("a.pdf", &pdf(100))]);
    let r = send(
        &mut martina,
        &format!("/contracts/{foreign}/documents"),
        body,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = martina.get(&format!("/contracts/{foreign}/upload")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(footprint(app).await, before);
    // A customer on the staff settings: the 404 of a page that is not there.
    assert_eq!(
        martina.get("/settings/uploads").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        martina.get("/settings/tasks").await.status,
        StatusCode::NOT_FOUND
    );

    // Claire D.'s profile has no upload function: 403 on her own records.
    let (own, _) = contracts_in_and_out(app, "claire").await;
    let mut claire = signed_in(app, "claire").await;
    let csrf = claire.get("/home").await.hidden("_csrf");
    let body = form(&csrf, Some("other"), &[("a.pdf", &pdf(100))]);
    let r = send(&mut claire, &format!("/contracts/{own}/documents"), body).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(footprint(app).await, before);
}

#[tokio::test]
async fn foreign_records_are_404_and_a_missing_function_403() {
    let app = spawn_app().await;
    foreign_records_and_missing_functions(&app).await;
    if let Some((app, pg)) = spawn_app_on_postgres().await {
        foreign_records_and_missing_functions(&app).await;
        drop(app);
        pg.drop_db().await;
    }
}
