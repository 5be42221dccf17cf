//! An approver edits the whole draft awaiting approval (issue 10): Dr.
//! Stefan B. moves Jens W.'s report on his site to a fleet contract only his
//! own scope shows (the claim type no longer fits and is cleared, the
//! summary names it), forged choices outside his scope change nothing,
//! he adds photos and removes Jens's file, refused files (disguised, over
//! the limit, without the mandatory type) leave nothing,
//! and on submit the report's documents are exactly the remaining files.
//! Over HTTP on SQLite and (when configured) PostgreSQL.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::claim_approval::{STEFAN, jens_draft, send_for_approval};
use crate::claim_wizard_support::{CAR_CONTRACT, PLATE, csrf, post};
use crate::harness::{Client, Response, TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::{html, signed_in};
use crate::uploads_corpus::{BOUNDARY, MIB, count, exe, form, pdf, png, send, set_upload_settings};

/// The claim types of a motor contract (`LineOfBusiness::claim_types`).
const MOTOR_TYPES: &[&str] = &[
    "collision",
    "glass",
    "theft",
    "storm",
    "natural_hazard",
    "fire",
    "liability",
    "other",
];

pub async fn on_both<F>(scenario: F)
where
    F: AsyncFn(&TestApp),
{
    let app = spawn_app().await;
    scenario(&app).await;
    if let Some((app, pg)) = spawn_app_on_postgres().await {
        scenario(&app).await;
        drop(app);
        pg.drop_db().await;
    }
}

/// The documents step's form as a browser sends it to `path`.
pub async fn upload(
    client: &mut Client<'_>,
    path: &str,
    document_type: Option<&str>,
    files: &[(&str, &[u8])],
    action: &str,
) -> Response {
    let token = csrf(client).await;
    let mut body = form(&token, document_type, files);
    let end = format!("--{BOUNDARY}--\r\n");
    body.truncate(body.len() - end.len());
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n{action}\r\n{end}"
        )
        .as_bytes(),
    );
    send(client, path, body).await
}

/// The draft's row as text: unchanged by a refused or forged change.
pub async fn draft_row(app: &TestApp, id: i64) -> String {
    let (contract, object, data, at): (
        Option<i64>,
        Option<i64>,
        String,
        chrono::DateTime<chrono::Utc>,
    ) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT contract_id, object_id, data, updated_at FROM claim_report_drafts \
                 WHERE id = $1",
            )
            .arg(id),
        )
        .await
        .unwrap();
    format!("{contract:?} {object:?} {data} {at}")
}

/// The names of the files on draft `id`, in order.
pub async fn draft_files(app: &TestApp, id: i64) -> Vec<(i64, String)> {
    app.db
        .fetch_all(
            Sql::new(
                "SELECT id, file_name FROM claim_draft_documents WHERE draft_id = $1 ORDER BY id",
            )
            .arg(id),
        )
        .await
        .unwrap()
}

async fn one(app: &TestApp, sql: Sql) -> i64 {
    let (n,): (i64,) = app.db.fetch_one(sql).await.unwrap();
    n
}

/// A fleet contract of Stefan's group (outside Jens's site scope).
async fn fleet_contract(app: &TestApp) -> (i64, String) {
    app.db
        .fetch_one(
            Sql::new(
                "SELECT k.id, k.policy_number FROM contracts k \
                 JOIN customers cu ON cu.id = k.customer_id \
                 JOIN portal_users pu ON pu.organization_id = cu.organization_id \
                 WHERE pu.email = $1 AND k.line_of_business IN ('motor_fleet', 'motor') \
                 AND k.status = 'active' ORDER BY k.id LIMIT 1",
            )
            .arg(STEFAN),
        )
        .await
        .unwrap()
}

async fn approver_edits_everything(app: &TestApp) {
    let mut jens = signed_in(app, "jens").await;
    let mut stefan = signed_in(app, "stefan").await;
    let id = jens_draft(app, &mut jens).await;
    // Jens adds a photo before sending it for approval.
    let photo = png();
    let r = upload(
        &mut jens,
        &format!("/claims/drafts/{id}/documents"),
        Some("claim_photo"),
        &[("Presse.png", &photo)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    send_for_approval(&mut jens, id).await;
    let base = format!("/claims/approvals/{id}");
    let (data,): (String,) = app
        .db
        .fetch_one(Sql::new("SELECT data FROM claim_report_drafts WHERE id = $1").arg(id))
        .await
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let claim_type = data["claim_type"].as_str().unwrap_or_default().to_owned();
    assert!(
        !MOTOR_TYPES.contains(&claim_type.as_str()),
        "Jens's type ({claim_type}) must not fit a vehicle"
    );

    // The review links steps 1 and 8 too.
    let review = stefan.get(&base).await;
    assert!(review.body.contains(&format!("{base}/object\"")));
    assert!(review.body.contains(&format!("{base}/documents\"")));

    // Step 1 searches the approver's scope: a fleet contract Jens does
    // not see.
    let (fleet, policy) = fleet_contract(app).await;
    let page = stefan
        .get(&format!(
            "{base}/object?q={}",
            kp_web::pages::urlencode(&policy)
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains(&format!("value=\"{fleet}\"")),
        "{}",
        page.body
    );
    assert!(
        !jens
            .get(&format!(
                "/claims/report?q={}",
                kp_web::pages::urlencode(&policy)
            ))
            .await
            .body
            .contains(&format!("value=\"{fleet}\""))
    );

    // Forged choices outside his scope: 404, nothing changed; no choice: 422.
    let before = draft_row(app, id).await;
    let car = one(app, Sql::new(format!("SELECT {CAR_CONTRACT}"))).await;
    let car_object = one(
        app,
        Sql::new("SELECT id FROM insured_objects WHERE plate = $1").arg(PLATE),
    )
    .await;
    for choice in [
        car.to_string(),
        format!("{car}-{car_object}"),
        format!("{fleet}-{car_object}"),
    ] {
        let r = post(
            &mut stefan,
            &format!("{base}/object"),
            &[("choice", &choice)],
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{choice}");
    }
    let r = post(&mut stefan, &format!("{base}/object"), &[("choice", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(draft_row(app, id).await, before);

    // The fleet contract: the machine breakdown no longer fits and is
    // cleared; the summary names the type as missing.
    let r = post(
        &mut stefan,
        &format!("{base}/object"),
        &[("choice", &fleet.to_string())],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{base}/loss"));
    let (contract, object, data): (i64, Option<i64>, String) = app
        .db
        .fetch_one(
            Sql::new("SELECT contract_id, object_id, data FROM claim_report_drafts WHERE id = $1")
                .arg(id),
        )
        .await
        .unwrap();
    assert_eq!((contract, object), (fleet, None));
    assert!(data.contains("\"claim_type\":null"), "{data}");
    assert!(data.contains("Getriebeschaden"), "the other answers stay");
    let review = stefan.get(&base).await;
    assert!(review.body.contains(&format!("{base}/type\"")));
    assert!(review.body.contains(&policy));
    let r = post(&mut stefan, &format!("{base}/submit"), &[]).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the type is missing"
    );
    let r = post(
        &mut stefan,
        &format!("{base}/type"),
        &[("claim_type", "collision")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Step 8: the approver's page lists Jens's photo, adds two files and
    // removes Jens's.
    let page = stefan.get(&format!("{base}/documents")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Presse.png"));
    assert!(html(&page).contains(&format!("action=\"{base}/documents\"")));
    assert!(page.body.contains("multiple") && page.body.contains("upload-progress."));
    let letter = pdf(20_000);
    let files: [(&str, &[u8]); 2] = [("Gutachten.pdf", &letter), ("Delle.png", &photo)];
    let r = upload(
        &mut stefan,
        &format!("{base}/documents"),
        Some("claim_photo"),
        &files,
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{base}/documents?added=2"));
    // A disguised file and a missing mandatory type: nothing kept.
    set_upload_settings(
        app,
        r#"{"document_types":["claim_photo","invoice","other"],"type_mandatory":true,"limit_mib":1}"#,
    )
    .await;
    let before = draft_files(app, id).await;
    let evil = exe();
    let r = upload(
        &mut stefan,
        &format!("{base}/documents"),
        Some("claim_photo"),
        &[("Rechnung.pdf", &evil)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = upload(
        &mut stefan,
        &format!("{base}/documents"),
        None,
        &[("Foto.png", &photo)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // Over the broker's limit (1 MiB here): 413, the step again.
    let big = pdf(2 * MIB);
    let r = upload(
        &mut stefan,
        &format!("{base}/documents"),
        Some("claim_photo"),
        &[("Scan.pdf", &big)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(draft_files(app, id).await, before);
    assert_eq!(before.len(), 3);

    // A forged file id (none of this draft's): 404, nothing removed.
    let r = post(
        &mut stefan,
        &format!("{base}/documents/remove"),
        &[("document", "999999")],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let jens_file = before[0].0;
    let r = post(
        &mut stefan,
        &format!("{base}/documents/remove"),
        &[("document", &jens_file.to_string()), ("from", "summary")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), base);
    let remaining: Vec<String> = draft_files(app, id)
        .await
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(
        remaining,
        vec!["Gutachten.pdf".to_owned(), "Delle.png".to_owned()]
    );

    // Submitted: the report's documents are exactly the remaining files,
    // on the fleet contract, recorded in Stefan's name.
    let r = post(&mut stefan, &format!("{base}/submit"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let report: i64 = r
        .location()
        .trim_start_matches("/claims/reports/")
        .trim_end_matches("?sent=1")
        .parse()
        .unwrap();
    let mut docs: Vec<(String, Option<i64>)> = app
        .db
        .fetch_all(
            Sql::new(
                "SELECT d.file_name, d.contract_id FROM claim_report_documents rd \
                 JOIN documents d ON d.id = rd.document_id WHERE rd.claim_report_id = $1",
            )
            .arg(report),
        )
        .await
        .unwrap();
    docs.sort();
    assert_eq!(
        docs,
        vec![
            ("Delle.png".to_owned(), Some(fleet)),
            ("Gutachten.pdf".to_owned(), Some(fleet)),
        ]
    );
    let (contract,): (i64,) = app
        .db
        .fetch_one(Sql::new("SELECT contract_id FROM claim_reports WHERE id = $1").arg(report))
        .await
        .unwrap();
    assert_eq!(contract, fleet);
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM claim_draft_documents").await,
        0
    );

    // Stale: the draft is gone; each change shows the list with the
    // message (409) and changes nothing.
    for path in [format!("{base}/object"), format!("{base}/documents/remove")] {
        let r = post(
            &mut stefan,
            &path,
            &[("choice", &fleet.to_string()), ("document", "1")],
        )
        .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}");
        assert!(r.body.contains("bereits freigegeben oder zurückgegeben"));
    }
    let r = upload(
        &mut stefan,
        &format!("{base}/documents"),
        Some("claim_photo"),
        &[("Foto.png", &photo)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM claim_draft_documents").await,
        0
    );
}

#[tokio::test]
async fn an_approver_changes_the_object_and_the_files_then_submits() {
    on_both(approver_edits_everything).await;
}
