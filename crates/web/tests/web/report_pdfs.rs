//! The claims list PDF (B10): the list's query string, the scope, the
//! profile's columns, the user's language, both logos; and the helpers the
//! report tests share.

use axum::http::{StatusCode, header};
use kp_domain::Language;
use kp_storage::Sql;

use crate::contract_sheet::{download, pdf_text, pdftotext_available, signed_in, switch_language};
use crate::harness::{TestApp, hide_fields, spawn_app, spawn_app_on_postgres};
use crate::home_support::upload;
use crate::lists::{html, total};

/// How many image XObjects (logos and their masks) a PDF holds.
pub(crate) fn images_in(pdf: &[u8]) -> usize {
    let raw = String::from_utf8_lossy(pdf);
    raw.matches("/Subtype /Image").count()
}

/// A real PNG (RGB, stored deflate blocks): what an administrator uploads.
pub(crate) fn logo_png(width: u32, height: u32) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0);
        for x in 0..width {
            raw.extend_from_slice(&[(x * 7) as u8, (y * 11) as u8, 0x60]);
        }
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    let mut zlib = vec![0x78, 0x01, 0x01];
    let len = raw.len() as u16;
    zlib.extend_from_slice(&len.to_le_bytes());
    zlib.extend_from_slice(&(!len).to_le_bytes());
    zlib.extend_from_slice(&raw);
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    for (kind, body) in [
        (&b"IHDR"[..], header),
        (b"IDAT", zlib),
        (b"IEND", Vec::new()),
    ] {
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(&body);
        // The portal does not check chunk CRCs.
        out.extend_from_slice(&[0; 4]);
    }
    out
}

/// Uploads a broker logo as Petra (administrator of both tenants, so the
/// global settings).
pub(crate) async fn upload_broker_logo(app: &TestApp, bytes: &[u8]) {
    let mut petra = signed_in(app, "petra").await;
    let token = petra.get("/settings/home").await.hidden("_csrf");
    let r = upload(&mut petra, "/settings/home/logo", &token, "logo", bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// A claim number of a private customer's claim: never Stefan's.
async fn foreign_claim(app: &TestApp) -> String {
    let (number,): (String,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT c.broker_claim_number FROM claims c JOIN contracts k ON k.id = c.contract_id \
             JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id IS NULL \
             AND c.broker_claim_number <> '' ORDER BY c.id LIMIT 1",
        ))
        .await
        .unwrap();
    number
}

/// Claim numbers of the group with a status.
async fn group_claims(app: &TestApp, status: &str) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db
        .fetch_all(
            Sql::new(
                "SELECT c.broker_claim_number FROM claims c JOIN contracts k ON k.id = c.contract_id \
                 JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id IS NOT NULL \
                 AND c.status = $1 AND c.broker_claim_number <> '' ORDER BY c.id",
            )
            .arg(status),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(n,)| n).collect()
}

async fn check_the_claims_pdf_follows_list_scope_profile_and_language(app: &TestApp) {
    let mut stefan = signed_in(app, "stefan").await;
    let list = stefan
        .get("/claims?status=settled&sort=date&dir=desc")
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let page = html(&list);
    assert!(
        page.contains(
            "id=\"list-pdf\" href=\"/claims.pdf?status=settled&amp;sort=date&amp;dir=desc\""
        ) || page
            .contains("id=\"list-pdf\" href=\"/claims.pdf?status=settled&sort=date&dir=desc\""),
        "no PDF link with the list's query"
    );
    let expected = total(&page);
    assert!(expected > 0, "the group has settled claims");

    let path = "/claims.pdf?status=settled&date_from=2015-01-01&sort=date&dir=desc&status_x=1";
    let (status, headers, pdf) = download(&stefan, path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"schadenliste-"),
        "{disposition}"
    );
    // The group's own logo heads the report (no broker logo uploaded yet).
    assert_eq!(images_in(&pdf), 1);

    let tools = pdftotext_available();
    let settled = group_claims(app, "settled").await;
    let foreign = foreign_claim(app).await;
    if tools {
        let text = pdf_text(&pdf);
        for expected_text in [
            "Schadenliste",
            "Angewandte Filter",
            "Status: Reguliert",
            &format!(
                "Schadendatum ab: {}",
                kp_web::format::date(Language::De, "2015-01-01")
            ),
            "Sortierung Schadendatum (absteigend)",
            &format!("{expected} Schäden insgesamt"),
            "Erstellt am",
            "Reserve",
            "Zahlung",
            "Seite 1 von",
        ] {
            assert!(
                text.contains(expected_text),
                "missing {expected_text:?} in {text}"
            );
        }
        for number in &settled {
            assert!(text.contains(number.as_str()), "missing claim {number}");
        }
        for number in group_claims(app, "reported").await {
            assert!(
                !text.contains(&number),
                "unfiltered claim {number} in the report"
            );
        }
        assert!(!text.contains(&foreign), "a claim outside the scope");
    }

    // A bad filter value is left out (as on the page), never a 500.
    let (status, _, pdf) = download(&stefan, "/claims.pdf?status=bogus&date_from=31.02.").await;
    assert_eq!(status, StatusCode::OK);
    if tools {
        let text = pdf_text(&pdf);
        assert!(text.contains("Keine (alle Schäden)"), "{text}");
        assert!(!text.contains("bogus"));
    }

    // In English.
    switch_language(&mut stefan, "en").await;
    let (status, headers, pdf) = download(&stefan, "/claims.pdf?status=settled").await;
    assert_eq!(status, StatusCode::OK);
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"claims-list-"),
        "{disposition}"
    );
    if tools {
        let text = pdf_text(&pdf);
        for expected_text in [
            "Claims list",
            "Filters applied",
            "Status: Settled",
            "claims in total",
        ] {
            assert!(
                text.contains(expected_text),
                "missing {expected_text:?} in {text}"
            );
        }
        assert!(!text.contains("Schadenliste"));
    }
    switch_language(&mut stefan, "de").await;

    // The broker logo joins the organization's; a file that cannot be
    // decoded is left out without failing the report.
    upload_broker_logo(app, b"\x89PNG\r\n\x1a\nnot really a picture").await;
    let (status, _, pdf) = download(&stefan, "/claims.pdf").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(images_in(&pdf), 1);
    upload_broker_logo(app, &logo_png(60, 20)).await;
    let (_, _, pdf) = download(&stefan, "/claims.pdf").await;
    assert_eq!(images_in(&pdf), 2);

    // A profile hiding the paid amount: no such column.
    hide_fields(app, "stefan", &["claim.paid"]).await;
    let (status, _, pdf) = download(&stefan, "/claims.pdf?paid_from=1").await;
    assert_eq!(status, StatusCode::OK);
    if tools {
        let text = pdf_text(&pdf);
        assert!(text.contains("Reserve"));
        assert!(!text.contains("Zahlung"), "hidden column in {text}");
    }

    // The site profile (Jens W.) may not download reports.
    let mut jens = signed_in(app, "jens").await;
    let list = jens.get("/claims").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains("id=\"list-pdf\""));
    let (status, _, _) = download(&jens, "/claims.pdf").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_claims_pdf_follows_list_scope_profile_and_language() {
    let app = spawn_app().await;
    check_the_claims_pdf_follows_list_scope_profile_and_language(&app).await;
}

#[tokio::test]
async fn the_claims_pdf_follows_list_scope_profile_and_language_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_claims_pdf_follows_list_scope_profile_and_language(&app).await;
    drop(app);
    pg.drop_db().await;
}
