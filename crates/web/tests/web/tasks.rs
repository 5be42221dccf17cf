//! The staff task inbox over HTTP (B11, D14): a claim report's task is
//! found, assigned, commented, given a due date and completed, each with
//! its history entry and audit entry; a stale form and bad input change
//! nothing; another tenant's task is the 404 of a missing one, customers
//! get the 404 of an unknown page. On SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::claim_wizard_support::report_car;
use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;

pub async fn one_i64(t: &TestApp, sql: &str, arg: i64) -> i64 {
    let (n,): (i64,) = t.db.fetch_one(Sql::new(sql).arg(arg)).await.unwrap();
    n
}

pub async fn staff_id(t: &TestApp, who: &str) -> i64 {
    let (id,): (i64,) =
        t.db.fetch_one(
            Sql::new("SELECT id FROM staff_users WHERE email = $1").arg(demo_login(who).email),
        )
        .await
        .unwrap();
    id
}

/// The first task the claim wizard wrote for report `report`.
pub async fn task_of(t: &TestApp, report: i64) -> i64 {
    one_i64(
        t,
        "SELECT id FROM tasks WHERE claim_report_id = $1 ORDER BY id LIMIT 1",
        report,
    )
    .await
}

pub async fn history(t: &TestApp, task: i64) -> Vec<String> {
    let rows: Vec<(String,)> =
        t.db.fetch_all(
            Sql::new("SELECT kind FROM task_history WHERE task_id = $1 ORDER BY id").arg(task),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(k,)| k).collect()
}

/// Posts `action` of the task's page with the page's form token and, unless
/// given, its current stamp.
pub async fn act(
    c: &mut Client<'_>,
    task: i64,
    action: &str,
    fields: &[(&str, &str)],
    stamp: Option<&str>,
) -> Response {
    let page = c.get(&format!("/staff/tasks/{task}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.hidden("_csrf");
    let current = page.hidden("updated_at");
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("updated_at", stamp.unwrap_or(&current)),
    ];
    form.extend_from_slice(fields);
    c.post(&format!("/staff/tasks/{task}/{action}"), &form)
        .await
}

async fn audit(t: &TestApp, action: &str, task: i64) -> i64 {
    let (n,): (i64,) =
        t.db.fetch_one(
            Sql::new(
                "SELECT COUNT(*) FROM audit_entries WHERE action = $1 AND target_kind = 'task' \
                 AND target_id = $2",
            )
            .arg(action)
            .arg(task),
        )
        .await
        .unwrap();
    n
}

async fn work_a_reported_claim(t: &TestApp) {
    let mut martina = signed_in(t, "martina").await;
    let report = report_car(t, &mut martina, "glass", "400,00").await;
    let task = task_of(t, report).await;
    let (origin,): (String,) =
        t.db.fetch_one(Sql::new("SELECT origin FROM tasks WHERE id = $1").arg(task))
            .await
            .unwrap();
    assert_eq!(origin, "claim_report");
    assert_eq!(history(t, task).await, ["created"]);
    let sabine_id = staff_id(t, "sabine").await;

    let mut sabine = signed_in(t, "sabine").await;
    let inbox = sabine.get("/staff/tasks").await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(inbox.body.contains(&format!("/staff/tasks/{task}")));
    assert!(inbox.body.contains("id=\"nav-task-count\""));
    let page = sabine.get(&format!("/staff/tasks/{task}")).await;
    assert!(
        page.body
            .contains(&format!("/staff/claim-reports/{report}"))
    );

    // Nobody first, then herself: each a redirect with its history entry.
    let r = act(&mut sabine, task, "assign", &[("assignee", "")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = act(&mut sabine, task, "assign", &[("assignee", "me")], None).await;
    assert_eq!(r.location(), format!("/staff/tasks/{task}?done=assigned"));
    let assignee = "SELECT COALESCE(assignee_staff_id, 0) FROM tasks WHERE id = $1";
    assert_eq!(one_i64(t, assignee, task).await, sabine_id);
    let r = act(
        &mut sabine,
        task,
        "comment",
        &[("comment", "Werkstatt anrufen")],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = act(&mut sabine, task, "due", &[("due_on", "2030-12-24")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = act(
        &mut sabine,
        task,
        "status",
        &[("status", "in_progress")],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = act(&mut sabine, task, "status", &[("status", "done")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = sabine.get(&format!("/staff/tasks/{task}")).await;
    assert!(page.body.contains("Werkstatt anrufen"));
    let (status, due, by): (String, String, i64) =
        t.db.fetch_one(
            Sql::new(
                "SELECT status, CAST(due_on AS TEXT), COALESCE(completed_by, 0) FROM tasks \
                 WHERE id = $1 AND completed_at IS NOT NULL",
            )
            .arg(task),
        )
        .await
        .unwrap();
    assert_eq!(
        (status.as_str(), due.as_str(), by),
        ("done", "2030-12-24", sabine_id)
    );
    assert_eq!(
        history(t, task).await,
        [
            "created",
            "assigned",
            "assigned",
            "commented",
            "due_set",
            "status_changed",
            "status_changed"
        ]
    );
    assert_eq!(audit(t, "task.assigned", task).await, 2);
    assert_eq!(audit(t, "task.commented", task).await, 1);
    assert_eq!(audit(t, "task.due_set", task).await, 1);
    assert_eq!(audit(t, "task.status_changed", task).await, 2);

    // A stale form: 409 with the message, nothing written.
    let r = act(
        &mut sabine,
        task,
        "comment",
        &[("comment", "spät")],
        Some("1"),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("id=\"task-problem\""));
    assert!(r.body.contains("spät"), "the comment is kept");
    // Bad input: 422 at the field, as typed, nothing written.
    let r = act(&mut sabine, task, "comment", &[("comment", "  ")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"comment-error\""));
    let r = act(&mut sabine, task, "due", &[("due_on", "morgen")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"morgen\""));
    let r = act(&mut sabine, task, "status", &[("status", "closed")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = act(&mut sabine, task, "assign", &[("assignee", "999999")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"assignee-error\""));
    assert_eq!(history(t, task).await.len(), 7);
    assert_eq!(one_i64(t, assignee, task).await, sabine_id);
}

#[tokio::test]
async fn a_clerk_assigns_comments_dates_and_completes_a_claim_report_task() {
    work_a_reported_claim(&spawn_app().await).await;
}

#[tokio::test]
async fn a_clerk_works_a_task_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    work_a_reported_claim(&t).await;
    only_the_tenants_staff_see_a_task(&t).await;
    filters_find_the_demo_tasks(&t).await;
}

async fn only_the_tenants_staff_see_a_task(t: &TestApp) {
    let andreas = staff_id(t, "andreas").await;
    let (other, title): (i64, String) =
        t.db.fetch_one(
            Sql::new(
                "SELECT id, title FROM tasks WHERE tenant_id NOT IN \
                 (SELECT tenant_id FROM staff_user_tenants WHERE staff_user_id = $1) \
                 ORDER BY id LIMIT 1",
            )
            .arg(andreas),
        )
        .await
        .unwrap();
    let mut c = signed_in(t, "andreas").await;
    let missing = c.get("/staff/tasks/999999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        c.get(&format!("/staff/tasks/{other}")).await.status,
        StatusCode::NOT_FOUND
    );
    let csrf = c.get("/home").await.hidden("_csrf");
    let r = c
        .post(
            &format!("/staff/tasks/{other}/comment"),
            &[("_csrf", &csrf), ("updated_at", "0"), ("comment", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let inbox = c.get("/staff/tasks?status=all").await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(!inbox.body.contains(&title));
    assert_eq!(
        c.get("/staff/tasks/abc").await.status,
        StatusCode::NOT_FOUND
    );

    // Customers: the 404 of an unknown page, for their own records' tasks too.
    let mut martina = signed_in(t, "martina").await;
    assert_eq!(
        martina.get("/staff/tasks").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        martina.get(&format!("/staff/tasks/{other}")).await.status,
        StatusCode::NOT_FOUND
    );
    let csrf = martina.get("/home").await.hidden("_csrf");
    let r = martina
        .post(
            &format!("/staff/tasks/{other}/status"),
            &[("_csrf", &csrf), ("status", "done")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!martina.get("/home").await.body.contains("/staff/tasks"));
}

#[tokio::test]
async fn another_tenants_task_is_not_found_and_customers_get_no_inbox() {
    only_the_tenants_staff_see_a_task(&spawn_app().await).await;
}

/// The demo's tasks with due dates relative to today, so that "overdue"
/// does not depend on the day the test runs.
async fn date_demo_tasks(t: &TestApp) {
    let today = t.app.clock.now().date_naive();
    for (title, days) in [
        ("Gutachten_Maschinenschaden_Augsburg.pdf", -3_i64),
        ("Rückfrage Stillstandskosten Augsburg", 10),
        ("Rechnung_Rechtsanwalt_Keller.pdf", 40),
    ] {
        let due = today + chrono::Duration::days(days);
        t.db.execute(
            Sql::new("UPDATE tasks SET due_on = $1 WHERE title = $2")
                .arg(due)
                .arg(title),
        )
        .await
        .unwrap();
    }
}

async fn filters_find_the_demo_tasks(t: &TestApp) {
    date_demo_tasks(t).await;
    let today = t.app.clock.now().date_naive();
    let mut c = signed_in(t, "sabine").await;
    let shows = async |c: &mut Client<'_>, query: &str| -> String {
        let r = c.get(&format!("/staff/tasks?{query}")).await;
        assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
        r.body
    };
    let gutachten = "Gutachten_Maschinenschaden_Augsburg.pdf";
    let rueckfrage = "Rückfrage Stillstandskosten Augsburg";
    let termin = "Terminanfrage Mahnung Brenner France";
    let erledigt = "Neue Anschrift Holding";
    let all = shows(&mut c, "").await;
    assert!(all.contains(gutachten) && all.contains(rueckfrage) && all.contains(termin));
    assert!(
        !all.contains(erledigt),
        "done tasks are left out by default"
    );
    assert!(shows(&mut c, "status=done").await.contains(erledigt));
    assert!(shows(&mut c, "status=all").await.contains(erledigt));
    let body = shows(&mut c, "assignee=none").await;
    assert!(body.contains(rueckfrage) && !body.contains(gutachten));
    let body = shows(&mut c, "assignee=me").await;
    assert!(body.contains(gutachten) && !body.contains(rueckfrage));
    let body = shows(&mut c, "priority=urgent").await;
    assert!(body.contains(rueckfrage) && !body.contains(gutachten));
    let body = shows(&mut c, "area=finances").await;
    assert!(body.contains(termin) && !body.contains(gutachten));
    let body = shows(&mut c, "customer=france").await;
    assert!(body.contains(termin) && !body.contains(rueckfrage));
    let body = shows(&mut c, "category1=Schaden").await;
    assert!(body.contains(gutachten) && body.contains(rueckfrage) && !body.contains(termin));
    let body = shows(&mut c, "due=overdue").await;
    assert!(body.contains(gutachten) && !body.contains(rueckfrage));
    let until = (today + chrono::Duration::days(20)).to_string();
    let body = shows(&mut c, &format!("due_until={until}")).await;
    assert!(body.contains(rueckfrage) && !body.contains("Rechnung_Rechtsanwalt_Keller.pdf"));
    // Most urgent first.
    let body = shows(&mut c, "sort=priority").await;
    let at = |s: &str| body.find(s).unwrap();
    assert!(at(rueckfrage) < at(gutachten) && at(gutachten) < at(termin));
    let body = shows(&mut c, "sort=due").await;
    let at = |s: &str| body.find(s).unwrap();
    assert!(at(gutachten) < at(rueckfrage));
    // A bad value is named at its field; the list stays usable.
    let body = shows(&mut c, "priority=sofort&due_until=gestern").await;
    assert!(body.contains("id=\"priority-error\"") && body.contains("id=\"due_until-error\""));
    assert!(body.contains(gutachten));
    assert!(body.contains("id=\"task-counts\""));
}

#[tokio::test]
async fn the_inbox_filters_sorts_and_counts() {
    filters_find_the_demo_tasks(&spawn_app().await).await;
}
