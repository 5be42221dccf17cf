//! The settings around the task inbox: which clerk actions complete their
//! tasks (`/settings/tasks`, and `kp_app::task_completion` called as the
//! acceptance of a claim report will call it), and changing an escalation
//! rule on `/settings/claims` with a stale-form check.

use axum::http::StatusCode;
use kp_domain::StaffUserId;
use kp_storage::Sql;

use crate::claim_wizard_support::report_car;
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;
use crate::tasks::{history, one_i64, staff_id};

async fn set_completion(t: &TestApp, on: bool) {
    let mut petra = signed_in(t, "petra").await;
    let page = petra.get("/settings/tasks").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.hidden("_csrf");
    let mut form = vec![("_csrf", csrf.as_str())];
    if on {
        form.push(("trigger", "claim_report_accepted"));
    }
    let r = petra.post("/settings/tasks/completion", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = petra.get("/settings/tasks?completion=1").await;
    assert_eq!(
        page.body
            .contains("value=\"claim_report_accepted\" checked"),
        on
    );
}

/// Runs the completion as the acceptance use case does, in its own
/// transaction; the tasks completed.
async fn accept(t: &TestApp, report: i64, staff: i64) -> usize {
    let mut tx = t.db.begin().await.unwrap();
    let now = t.app.clock.now();
    let done = kp_app::task_completion::on_claim_report_accepted(
        &t.app,
        &mut tx,
        report,
        StaffUserId(staff),
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    done.len()
}

async fn open_tasks_of(t: &TestApp, report: i64) -> i64 {
    one_i64(
        t,
        "SELECT COUNT(*) FROM tasks WHERE claim_report_id = $1 AND status <> 'done'",
        report,
    )
    .await
}

async fn completes_when_configured(t: &TestApp) {
    let sabine = staff_id(t, "sabine").await;
    // An escalation rule, so that the report has two tasks.
    t.db.execute(
        Sql::new(
            "INSERT INTO settings (scope, key, value, updated_at) SELECT 'tenant:' || CAST(tenant_id AS TEXT), \
             'claim_escalation', $1, $2 FROM insured_objects WHERE plate = 'HH-MK 482'",
        )
        .arg(r#"[{"threshold_minor":100,"currency":"EUR","claim_types":[],"emails":["chef@makler.test"],"staff":[],"priority":"urgent"}]"#)
        .arg(t.app.clock.now()),
    )
    .await
    .unwrap();
    let mut martina = signed_in(t, "martina").await;
    let report = report_car(t, &mut martina, "glass", "400,00").await;
    assert_eq!(open_tasks_of(t, report).await, 2);

    set_completion(t, false).await;
    assert_eq!(accept(t, report, sabine).await, 0);
    assert_eq!(open_tasks_of(t, report).await, 2);

    set_completion(t, true).await;
    assert_eq!(accept(t, report, sabine).await, 2);
    assert_eq!(open_tasks_of(t, report).await, 0);
    let task = one_i64(
        t,
        "SELECT id FROM tasks WHERE claim_report_id = $1 ORDER BY id LIMIT 1",
        report,
    )
    .await;
    assert_eq!(
        history(t, task).await,
        ["created", "completed_automatically"]
    );
    let by = "SELECT COALESCE(completed_by, 0) FROM tasks WHERE id = $1";
    assert_eq!(one_i64(t, by, task).await, sabine);
    // Once more: nothing left to complete.
    assert_eq!(accept(t, report, sabine).await, 0);
    // The page shows who completed it and how.
    let mut c = signed_in(t, "sabine").await;
    let page = c.get(&format!("/staff/tasks/{task}")).await;
    assert_eq!(page.status, StatusCode::OK);

    // Only administrators change the setting; customers do not see it.
    let csrf = c.get("/home").await.hidden("_csrf");
    let r = c
        .post("/settings/tasks/completion", &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let csrf = martina.get("/home").await.hidden("_csrf");
    let r = martina
        .post("/settings/tasks/completion", &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn accepting_a_report_completes_its_tasks_when_configured() {
    completes_when_configured(&spawn_app().await).await;
}

async fn rules(t: &TestApp) -> String {
    let (json,): (String,) =
        t.db.fetch_one(Sql::new(
            "SELECT value FROM settings WHERE key = 'claim_escalation' ORDER BY scope LIMIT 1",
        ))
        .await
        .unwrap();
    json
}

async fn edits_a_rule(t: &TestApp) {
    let mut petra = signed_in(t, "petra").await;
    let page = petra.get("/settings/claims").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.hidden("_csrf");
    let tenant = page.hidden("tenant");
    let r = petra
        .post(
            "/settings/claims/rules",
            &[
                ("_csrf", &csrf),
                ("tenant", &tenant),
                ("threshold", "10.000,00"),
                ("currency", "EUR"),
                ("claim_types", "fire"),
                ("emails", "chef@makler.test"),
                ("priority", "high"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let edit = format!("/settings/claims/rules/edit?tenant={tenant}&index=0");
    let form = petra.get(&edit).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("chef@makler.test"));
    let version = form.hidden("version");
    let fields = |threshold: &'static str, version: String| {
        vec![
            ("_csrf".to_owned(), csrf.clone()),
            ("tenant".to_owned(), tenant.clone()),
            ("index".to_owned(), "0".to_owned()),
            ("version".to_owned(), version),
            ("threshold".to_owned(), threshold.to_owned()),
            ("currency".to_owned(), "EUR".to_owned()),
            ("claim_types".to_owned(), "fire".to_owned()),
            ("claim_types".to_owned(), "water".to_owned()),
            (
                "emails".to_owned(),
                "chef@makler.test, vorstand@makler.test".to_owned(),
            ),
            ("priority".to_owned(), "urgent".to_owned()),
        ]
    };
    let post = async |c: &mut crate::harness::Client<'_>, f: Vec<(String, String)>| {
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        c.post("/settings/claims/rules/edit", &pairs).await
    };
    // Bad input: 422, as typed, nothing saved.
    let before = rules(t).await;
    let r = post(&mut petra, fields("zehn", version.clone())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"zehn\""));
    assert_eq!(rules(t).await, before);
    // Saved.
    let r = post(&mut petra, fields("25.000,00", version.clone())).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = rules(t).await;
    assert!(after.contains("2500000") && after.contains("urgent") && after.contains("water"));
    assert!(after.contains("vorstand@makler.test"));
    // The same form again is stale now: 409, nothing changed.
    let r = post(&mut petra, fields("1,00", version)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("id=\"rule-problem\""));
    assert_eq!(rules(t).await, after);
    // A rule that does not exist, clerks and customers.
    assert_eq!(
        petra
            .get(&format!(
                "/settings/claims/rules/edit?tenant={tenant}&index=7"
            ))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut sabine = signed_in(t, "sabine").await;
    assert_eq!(sabine.get(&edit).await.status, StatusCode::FORBIDDEN);
    let mut martina = signed_in(t, "martina").await;
    assert_eq!(martina.get(&edit).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_administrator_changes_an_escalation_rule() {
    edits_a_rule(&spawn_app().await).await;
}

#[tokio::test]
async fn task_settings_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    completes_when_configured(&t).await;
    edits_a_rule(&t).await;
}
