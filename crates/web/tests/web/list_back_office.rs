//! Staff see the back office's id (`external_id`) and, working for more
//! than one tenant, the record's tenant in every list and its CSV; portal
//! users never see either.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::{html, signed_in};

/// Sabine works for both tenants, Andreas for München only.
const BOTH_TENANTS: &str = "claims clerk";
const MUNICH_ONLY: &str = "clerk (München)";

/// A record of a list as the test looks for it: the search that finds it,
/// its back-office id (`None` for customers, whose number everyone sees)
/// and its tenant.
struct Probe {
    list: &'static str,
    search: String,
    external_id: Option<String>,
    tenant: String,
    tenant_id: i64,
}

/// The ids linked as `/<kind>/<id>` in a page.
fn linked_ids(body: &str, kind: &str) -> Vec<i64> {
    let marker = format!("href=\"/{kind}/");
    body.match_indices(&marker)
        .filter_map(|(i, m)| {
            let digits: String = body[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

async fn row(app: &TestApp, sql: &str, id: i64) -> Option<(String, Option<String>, String, i64)> {
    app.db.fetch_optional(Sql::new(sql).arg(id)).await.unwrap()
}

/// One record per list from Stefan's own lists (so inside his scope).
async fn probes(app: &TestApp, stefan: &mut Client<'_>) -> Vec<Probe> {
    let queries: [(&str, &str, &str); 6] = [
        (
            "/contracts",
            "contracts",
            "SELECT k.policy_number, k.external_id, t.name, t.id FROM contracts k \
             JOIN tenants t ON t.id = k.tenant_id WHERE k.id = $1",
        ),
        (
            "/objects",
            "objects",
            "SELECT k.policy_number, o.external_id, t.name, t.id FROM insured_objects o \
             JOIN contracts k ON k.id = o.contract_id JOIN tenants t ON t.id = o.tenant_id \
             WHERE o.id = $1 AND o.external_id <> ''",
        ),
        (
            "/claims",
            "claims",
            "SELECT c.broker_claim_number, c.external_id, t.name, t.id FROM claims c \
             JOIN tenants t ON t.id = c.tenant_id WHERE c.id = $1 AND c.broker_claim_number <> ''",
        ),
        (
            "/documents",
            "documents",
            "SELECT d.file_name, d.external_id, t.name, t.id FROM documents d \
             JOIN tenants t ON t.id = d.tenant_id WHERE d.id = $1 AND d.external_id IS NOT NULL",
        ),
        (
            "/customers",
            "customers",
            "SELECT cu.external_id, NULL, t.name, t.id FROM customers cu \
             JOIN tenants t ON t.id = cu.tenant_id WHERE cu.id = $1",
        ),
        (
            "/finances",
            "contracts",
            "SELECT f.number, f.external_id, t.name, t.id FROM finance_items f \
             JOIN tenants t ON t.id = f.tenant_id WHERE f.contract_id = $1 ORDER BY f.id LIMIT 1",
        ),
    ];
    let mut out = Vec::new();
    for (list, kind, sql) in queries {
        // Finance rows link their contract, not themselves.
        let body = html(&stefan.get(list).await);
        let mut found = None;
        for id in linked_ids(&body, kind) {
            if let Some(r) = row(app, sql, id).await {
                found = Some(r);
                break;
            }
        }
        let (search, external_id, tenant, tenant_id) =
            found.unwrap_or_else(|| panic!("{list}: a record of Stefan's"));
        out.push(Probe {
            list,
            search,
            external_id,
            tenant,
            tenant_id,
        });
    }
    out
}

async fn back_office_columns_for_staff_only(app: &TestApp) {
    let mut stefan = signed_in(app, "stefan").await;
    let probes = probes(app, &mut stefan).await;
    let mut sabine = signed_in(app, BOTH_TENANTS).await;
    let mut andreas = signed_in(app, MUNICH_ONLY).await;
    let munich: (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT st.tenant_id FROM staff_user_tenants st JOIN staff_users s \
             ON s.id = st.staff_user_id WHERE s.name = 'Andreas Huber'",
        ))
        .await
        .unwrap();
    // The CSV headers: Sabine's has the tenant column more than Andreas's.
    let mut columns = Vec::new();
    for client in [&mut andreas, &mut sabine] {
        let file = client.get("/contracts.csv").await;
        let header = file.body.lines().next().unwrap_or_default().to_owned();
        let sep = if header.contains(';') { ';' } else { ',' };
        columns.push(header.split(sep).count());
    }
    assert_eq!(columns[1], columns[0] + 1, "Andreas, Sabine");
    for p in &probes {
        let query = format!("?q={}", kp_web::pages::urlencode(&p.search));
        let page = format!("{}{query}", p.list);
        let csv = format!("{}.csv{query}", p.list);
        let id_cell = p.external_id.as_ref().map(|id| format!("<td>{id}</td>"));
        let tenant_cell = format!("<td>{}</td>", p.tenant);

        // Staff of both tenants: the id and the tenant, on the page and in
        // the CSV.
        let body = html(&sabine.get(&page).await);
        if let Some(cell) = &id_cell {
            assert!(body.contains(cell), "{page}: Sabine sees {cell}");
        }
        assert!(
            body.contains(&tenant_cell),
            "{page}: Sabine sees the tenant"
        );
        let file = sabine.get(&csv).await;
        assert_eq!(file.status, StatusCode::OK, "{csv}");
        if let Some(id) = &p.external_id {
            assert!(
                file.body.contains(id.as_str()),
                "{csv}: Sabine's CSV has {id}"
            );
        }
        assert!(file.body.contains(&p.tenant), "{csv}: and the tenant");

        // Staff of one tenant: the id, no tenant column.
        if p.tenant_id == munich.0 {
            let body = html(&andreas.get(&page).await);
            if let Some(cell) = &id_cell {
                assert!(body.contains(cell), "{page}: Andreas sees {cell}");
            }
            assert!(
                !body.contains(&tenant_cell),
                "{page}: one tenant, no column"
            );
            let file = andreas.get(&csv).await;
            assert!(!file.body.contains(&p.tenant), "{csv}: Andreas");
        }

        // The portal user: the record, but neither column.
        let body = html(&stefan.get(&page).await);
        assert!(body.contains("<tbody>"), "{page}: Stefan finds the record");
        if let Some(id) = &p.external_id {
            assert!(
                !body.contains(id.as_str()),
                "{page}: Stefan must not see {id}"
            );
        }
        assert!(!body.contains(&tenant_cell), "{page}: Stefan, tenant");
        let file = stefan.get(&csv).await;
        assert_eq!(file.status, StatusCode::OK, "{csv}");
        assert!(
            file.body.lines().count() > 1,
            "{csv}: Stefan's CSV has the row"
        );
        if let Some(id) = &p.external_id {
            assert!(
                !file.body.contains(id.as_str()),
                "{csv}: Stefan must not see {id}"
            );
        }
        assert!(!file.body.contains(&p.tenant), "{csv}: Stefan, tenant");
    }
}

#[tokio::test]
async fn staff_lists_show_back_office_columns() {
    let app = spawn_app().await;
    back_office_columns_for_staff_only(&app).await;
}

#[tokio::test]
async fn staff_lists_show_back_office_columns_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    back_office_columns_for_staff_only(&app).await;
    drop(app);
    pg.drop_db().await;
}
