//! The object list's text search finds licence plates in any spelling
//! (spaces, hyphens, case), as the staff search does, within the scope.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::{html, signed_in};

/// Sabine works for both tenants, Andreas for München only.
const BOTH_TENANTS: &str = "claims clerk";
const MUNICH_ONLY: &str = "clerk (München)";

/// A plate with a hyphen and a space of a tenant Andreas does not work for.
async fn hamburg_plate(app: &TestApp) -> (i64, String) {
    app.db
        .fetch_one(Sql::new(
            "SELECT o.id, o.plate FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
             WHERE o.plate LIKE '%-% %' AND k.tenant_id NOT IN ( \
               SELECT st.tenant_id FROM staff_user_tenants st \
               JOIN staff_users s ON s.id = st.staff_user_id WHERE s.name = 'Andreas Huber') \
             ORDER BY o.id LIMIT 1",
        ))
        .await
        .unwrap()
}

async fn plates_match_in_any_spelling(app: &TestApp) {
    let (id, plate) = hamburg_plate(app).await;
    let link = format!("href=\"/objects/{id}\"");
    let mut sabine = signed_in(app, BOTH_TENANTS).await;
    let mut andreas = signed_in(app, MUNICH_ONLY).await;
    // `HH-MK 482` as `hh mk482`, `HHMK482`, `hh-mk-482`.
    let squeezed = plate.replace(['-', ' '], "");
    let spellings = [
        plate.clone(),
        plate.replace('-', " ").to_lowercase().replacen(' ', "", 1),
        squeezed.clone(),
        squeezed.to_lowercase(),
        plate.replace(' ', "-").to_lowercase(),
    ];
    for spelling in &spellings {
        let q = kp_web::pages::urlencode(spelling);
        let page = sabine.get(&format!("/objects?q={q}")).await;
        assert_eq!(page.status, StatusCode::OK, "{spelling}");
        let body = html(&page);
        assert!(body.contains(&link), "{spelling}: {body}");
        let csv = sabine.get(&format!("/objects.csv?q={q}")).await;
        assert!(csv.body.contains(&plate), "{spelling}: the CSV too");
        let body = html(&andreas.get(&format!("/objects?q={q}")).await);
        assert!(!body.contains(&link), "{spelling}: outside his scope");
    }
    // Still a substring match, not a match for anything.
    let other = format!("{squeezed}x9");
    let body = html(&sabine.get(&format!("/objects?q={other}")).await);
    assert!(!body.contains(&link), "{other}");
}

#[tokio::test]
async fn the_object_list_finds_plates_in_any_spelling() {
    let app = spawn_app().await;
    plates_match_in_any_spelling(&app).await;
}

#[tokio::test]
async fn the_object_list_finds_plates_in_any_spelling_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    plates_match_in_any_spelling(&app).await;
    drop(app);
    pg.drop_db().await;
}
