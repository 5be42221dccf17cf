//! Permission profiles over HTTP (D2): staff administrators list, create,
//! copy, edit (a stale form changes nothing) and delete (refused while
//! users have the profile) profiles, give one to a user (another
//! organization's is refused; the user's next request has it), and
//! preview it; every change is audited. Other staff get 403, portal users
//! the 404 of an unknown page, and an administrator the 404 for a profile
//! of an organization outside their tenants (`profiles_access.rs`).

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::staff_users::audit_count;

pub(crate) async fn signed_in<'a>(t: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut c = Client::new(t);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    c
}

async fn one_i64(t: &TestApp, sql: Sql) -> i64 {
    let (n,): (i64,) = t.db.fetch_one(sql).await.unwrap();
    n
}

async fn profile_count(t: &TestApp) -> i64 {
    one_i64(t, Sql::new("SELECT COUNT(*) FROM permission_profiles")).await
}

pub(crate) async fn profile_of(t: &TestApp, email: &str) -> Option<i64> {
    let (id,): (Option<i64>,) =
        t.db.fetch_one(
            Sql::new("SELECT permission_profile_id FROM portal_users WHERE email = $1").arg(email),
        )
        .await
        .unwrap();
    id
}

pub(crate) async fn stored(t: &TestApp, id: i64) -> (String, String, String) {
    t.db.fetch_one(
        Sql::new(
            "SELECT name, CAST(functions AS TEXT), CAST(hidden_fields AS TEXT) \
             FROM permission_profiles WHERE id = $1",
        )
        .arg(id),
    )
    .await
    .unwrap()
}

fn id_in(location: &str) -> i64 {
    location
        .trim_start_matches("/staff/profiles/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Every area, every function but claim reporting, every field but the
/// premium: the form as a browser sends it.
pub(crate) fn without_claims_and_premium<'a>(
    csrf: &'a str,
    name: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("_csrf", csrf), ("name", name)];
    for a in kp_domain::MenuArea::ALL {
        form.push(("area", a.as_str()));
    }
    for f in kp_domain::Function::ALL {
        if *f != kp_domain::Function::ReportClaim {
            form.push(("function", f.as_str()));
        }
    }
    for f in kp_domain::fields::CATALOGUE {
        if f.key != kp_domain::fields::CONTRACT_PREMIUM {
            form.push(("field", f.key));
        }
    }
    form
}

async fn brenner(t: &TestApp) -> i64 {
    one_i64(
        t,
        Sql::new("SELECT organization_id FROM portal_users WHERE email = $1")
            .arg(demo_login("stefan").email),
    )
    .await
}

async fn flows(t: &TestApp) {
    let org = brenner(t).await;
    let org_text = org.to_string();
    let mut petra = signed_in(t, "portal administrator").await;

    // The list: the demo's profiles, also filtered by organization.
    let list = petra.get("/staff/profiles").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("Finance only"), "{}", list.body);
    let filtered = petra
        .get(&format!("/staff/profiles?organization={org}"))
        .await;
    assert!(filtered.body.contains("Standortleitung"));

    // Bad input: the form again with the message and what was typed.
    let new = petra.get("/staff/profiles/new").await;
    assert_eq!(new.status, StatusCode::OK);
    let csrf = new.hidden("_csrf");
    let before = profile_count(t).await;
    let mut bad = without_claims_and_premium(&csrf, " ");
    bad.push(("organization", &org_text));
    let r = petra.post("/staff/profiles", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("name-error"), "{}", r.body);
    assert_eq!(profile_count(t).await, before, "nothing written");

    // Create for the organization.
    let mut form = without_claims_and_premium(&csrf, "Ohne Schadenmeldung (Test)");
    form.push(("organization", &org_text));
    let r = petra.post("/staff/profiles", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = id_in(r.location());
    let (_, functions, hidden) = stored(t, id).await;
    assert!(!functions.contains("report_claim"), "{functions}");
    assert!(functions.contains("manage_users"), "{functions}");
    assert_eq!(hidden.replace(' ', ""), r#"["contract.premium"]"#);
    assert_eq!(audit_count(t, "profile.created", id).await, 1);
    let page = format!("/staff/profiles/{id}");

    // A stale form changes nothing and says so.
    let edit = petra.get(&page).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("profile-fields-contract"), "checklists");
    let stamp = edit.hidden("updated_at");
    let mut stale = without_claims_and_premium(&csrf, "Umbenannt");
    stale.push(("updated_at", "1"));
    let r = petra.post(&page, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("profile-problem"));
    assert_eq!(stored(t, id).await.0, "Ohne Schadenmeldung (Test)");
    assert_eq!(audit_count(t, "profile.changed", id).await, 0);
    let mut save = without_claims_and_premium(&csrf, "Ohne Schadenmeldung");
    save.push(("updated_at", &stamp));
    let r = petra.post(&page, &save).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(stored(t, id).await.0, "Ohne Schadenmeldung");
    assert_eq!(audit_count(t, "profile.changed", id).await, 1);

    // Copy: the same lists under a new name.
    let stamp = petra.get(&page).await.hidden("updated_at");
    let r = petra
        .post(
            &format!("{page}/copy"),
            &[("_csrf", &csrf), ("updated_at", &stamp)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let copy = id_in(r.location());
    assert_ne!(copy, id);
    let (name, functions_copy, hidden_copy) = stored(t, copy).await;
    assert_eq!(name, "Kopie von Ohne Schadenmeldung");
    assert_eq!((functions_copy, hidden_copy), {
        let (_, f, h) = stored(t, id).await;
        (f, h)
    });
    assert_eq!(audit_count(t, "profile.copied", copy).await, 1);

    assign_and_delete(t, &mut petra, id, copy).await;
}

async fn assign_and_delete(t: &TestApp, petra: &mut Client<'_>, id: i64, copy: i64) {
    let stefan_login = demo_login("stefan");
    let stefan_id = one_i64(
        t,
        Sql::new("SELECT id FROM portal_users WHERE email = $1").arg(stefan_login.email),
    )
    .await;
    let mut stefan = signed_in(t, "stefan").await;
    let premium_header = kp_web::i18n::text(kp_domain::Language::De, "col-premium");
    assert!(
        stefan
            .get("/contracts")
            .await
            .body
            .contains(&premium_header)
    );

    // Assign: his next request has the profile.
    let user_page = format!("/staff/users/{stefan_id}");
    let p = petra.get(&user_page).await;
    assert!(p.body.contains("profile-choice"), "{}", p.body);
    let csrf = p.hidden("_csrf");
    let stamp = p.hidden("updated_at");
    let profile = id.to_string();
    let r = petra
        .post(
            &format!("{user_page}/profile"),
            &[
                ("_csrf", &csrf),
                ("updated_at", &stamp),
                ("profile", &profile),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(profile_of(t, stefan_login.email).await, Some(id));
    assert_eq!(audit_count(t, "user.profile_assigned", stefan_id).await, 1);
    assert!(
        !stefan
            .get("/contracts")
            .await
            .body
            .contains(&premium_header)
    );

    // Another organization's profile, forged into the form: refused.
    t.db.execute(
        Sql::new(
            "INSERT INTO organizations (name, created_at, updated_at) \
             VALUES ('Fremde AG', $1, $1)",
        )
        .arg(chrono::Utc::now()),
    )
    .await
    .unwrap();
    let other_org = one_i64(
        t,
        Sql::new("SELECT id FROM organizations WHERE name = 'Fremde AG'"),
    )
    .await;
    // One private customer of Hamburg joins it, so the administrators of
    // Hamburg manage its profiles.
    t.db.execute(
        Sql::new(
            "UPDATE customers SET organization_id = $1 WHERE id = \
             (SELECT customer_id FROM portal_users WHERE email = $2)",
        )
        .arg(other_org)
        .arg(demo_login("Martina").email),
    )
    .await
    .unwrap();
    t.db.execute(
        Sql::new(
            "INSERT INTO permission_profiles (organization_id, name, created_at, updated_at) \
             VALUES ($1, 'Fremdes Profil', $2, $2)",
        )
        .arg(other_org)
        .arg(chrono::Utc::now()),
    )
    .await
    .unwrap();
    let foreign = one_i64(
        t,
        Sql::new("SELECT id FROM permission_profiles WHERE name = 'Fremdes Profil'"),
    )
    .await;
    let stamp = petra.get(&user_page).await.hidden("updated_at");
    let r = petra
        .post(
            &format!("{user_page}/profile"),
            &[
                ("_csrf", &csrf),
                ("updated_at", &stamp),
                ("profile", &foreign.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let message = kp_web::i18n::text(
        kp_domain::Language::De,
        "profiles-assign-other-organization",
    );
    assert!(r.body.contains(&message), "{}", r.body);
    assert_eq!(profile_of(t, stefan_login.email).await, Some(id));

    // Delete: refused while Stefan has it; the unused copy goes.
    let page = format!("/staff/profiles/{id}");
    let stamp = petra.get(&page).await.hidden("updated_at");
    let r = petra
        .post(
            &format!("{page}/delete"),
            &[("_csrf", &csrf), ("updated_at", &stamp)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        one_i64(
            t,
            Sql::new("SELECT COUNT(*) FROM permission_profiles WHERE id = $1").arg(id)
        )
        .await,
        1
    );
    let copy_page = format!("/staff/profiles/{copy}");
    let stamp = petra.get(&copy_page).await.hidden("updated_at");
    let r = petra
        .post(
            &format!("{copy_page}/delete"),
            &[("_csrf", &csrf), ("updated_at", &stamp)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(petra.get(&copy_page).await.status, StatusCode::NOT_FOUND);
    assert_eq!(audit_count(t, "profile.deleted", copy).await, 1);

    // The preview: the profile's functions and hidden fields, and a
    // contract of the organization without the premium.
    let preview = petra.get(&format!("{page}/preview")).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let sample = preview.body.split("id=\"preview-sample\"").nth(1).unwrap();
    let net = kp_web::i18n::text(kp_domain::Language::De, "field-premium-net");
    let policy = kp_web::i18n::text(kp_domain::Language::De, "col-policy-number");
    assert!(sample.contains(&policy), "{sample}");
    assert!(!sample.contains(&net), "{sample}");
    let stefan_page = stefan.get("/contracts").await;
    assert_eq!(stefan_page.status, StatusCode::OK);

    crate::profiles_access::access(t, petra, id, foreign, stefan_id).await;
}

#[tokio::test]
async fn administrators_manage_assign_and_preview_profiles() {
    let t = spawn_app().await;
    flows(&t).await;
}

#[tokio::test]
async fn administrators_manage_assign_and_preview_profiles_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    flows(&t).await;
}
