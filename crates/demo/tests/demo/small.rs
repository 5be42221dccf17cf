//! The small set: deterministic, in range, and the journeys' people see
//! exactly what they should.

use kp_domain::{PortalUserId, Principal};
use kp_storage::scope_sql::Scoped;
use kp_storage::{Db, Sql, home, users};

use crate::backends::{self, count, counts};

async fn contract_rows(db: &Db) -> Vec<(i64, String)> {
    db.fetch_all(Sql::new(
        "SELECT id, tenant_id || '|' || customer_id || '|' || external_id || '|' || policy_number || '|' || \
         COALESCE(insurer_id, '') || '|' || line_of_business || '|' || contract_type || '|' || status || '|' || \
         description || '|' || start_date || '|' || COALESCE(end_date, '') || '|' || main_due_date || '|' || \
         payment_frequency || '|' || premium_net_minor || '|' || premium_gross_minor || '|' || currency || '|' || \
         COALESCE(sum_insured_minor, '') || '|' || COALESCE(deductible_minor, '') FROM contracts ORDER BY id",
    ))
    .await
    .unwrap()
}

async fn document_hashes(db: &Db) -> Vec<(String, String)> {
    db.fetch_all(Sql::new(
        "SELECT document_type, sha256 FROM documents ORDER BY id",
    ))
    .await
    .unwrap()
}

#[tokio::test]
async fn same_data_on_every_run() {
    let a = backends::sqlite().await;
    let b = backends::sqlite().await;
    kp_demo::seed(&a.db, &a.blobs).await.unwrap();
    kp_demo::seed(&b.db, &b.blobs).await.unwrap();
    assert_eq!(counts(&a.db).await, counts(&b.db).await);
    assert_eq!(contract_rows(&a.db).await, contract_rows(&b.db).await);
    assert_eq!(document_hashes(&a.db).await, document_hashes(&b.db).await);
    // A second load into the same database is refused, not duplicated.
    assert!(matches!(
        kp_demo::seed(&a.db, &a.blobs).await,
        Err(kp_demo::DemoError::NotEmpty)
    ));
}

#[tokio::test]
async fn counts_are_in_the_expected_ranges() {
    let f = backends::sqlite().await;
    assert!(kp_demo::is_empty(&f.db).await.unwrap());
    kp_demo::seed(&f.db, &f.blobs).await.unwrap();
    assert!(!kp_demo::is_empty(&f.db).await.unwrap());
    let customers = count(&f.db, "customers").await;
    let contracts = count(&f.db, "contracts").await;
    assert!((35..=60).contains(&customers), "{customers} customers");
    assert!((140..=220).contains(&contracts), "{contracts} contracts");
    let (lines,): (i64,) =
        f.db.fetch_one(Sql::new(
            "SELECT COUNT(DISTINCT line_of_business) FROM contracts",
        ))
        .await
        .unwrap();
    assert!(lines >= 10, "{lines} lines of business");
    let (tenants,): (i64,) =
        f.db.fetch_one(Sql::new(
            "SELECT COUNT(DISTINCT tenant_id) FROM customers WHERE organization_id IS NOT NULL",
        ))
        .await
        .unwrap();
    assert_eq!(tenants, 2, "the industrial group spans both tenants");
    for (table, min) in [
        ("claims", 25),
        ("claim_status_history", 60),
        ("finance_items", 100),
        ("documents", 250),
        ("messages", 8),
        ("insured_objects", 150),
    ] {
        let n = count(&f.db, table).await;
        assert!(n >= min, "{table}: {n} < {min}");
    }
    let (bad,): (i64,) = f
        .db
        .fetch_one(Sql::new("SELECT COUNT(*) FROM customers WHERE email <> '' AND email NOT LIKE '%example.__' AND email NOT LIKE '%example.com'"))
        .await
        .unwrap();
    assert_eq!(bad, 0, "every e-mail uses a reserved example domain");
    f.drop_db().await;
}

async fn principal(db: &Db, email: &str) -> Principal {
    let (id,): (i64,) = db
        .fetch_one(Sql::new("SELECT id FROM portal_users WHERE email = $1").arg(email))
        .await
        .unwrap();
    users::principal(db, users::UserRef::Portal(PortalUserId(id)))
        .await
        .unwrap()
        .expect("active portal user")
}

async fn visible_contract_customers(db: &Db, p: &Principal) -> Vec<i64> {
    let mut q = Scoped::new(&p.scope);
    q.push("SELECT k.customer_id FROM contracts k WHERE ")
        .contract("k");
    let rows: Vec<(i64,)> = db.fetch_all(q.finish().unwrap()).await.unwrap();
    rows.into_iter().map(|(c,)| c).collect()
}

#[tokio::test]
async fn logins_verify_and_journey_users_see_their_part() {
    let f = backends::sqlite().await;
    kp_demo::seed(&f.db, &f.blobs).await.unwrap();
    let logins = kp_demo::logins();
    assert_eq!(logins.len(), 8);
    for login in &logins {
        let creds = users::credentials_by_email(&f.db, login.email)
            .await
            .unwrap()
            .expect(login.email);
        assert!(creds.can_log_in, "{} is active", login.email);
        assert_eq!(creds.language.code(), login.language);
        let hash = creds.password_hash.expect("password set");
        assert!(
            kp_app::passwords::verify(login.password, &hash),
            "password of {}",
            login.email
        );
    }
    let stefan = principal(&f.db, "stefan.bauer@brenner-gruppe.example.de").await;
    let jens = principal(&f.db, "jens.wagner@brenner-gruppe.example.de").await;
    let claire = principal(&f.db, "claire.dubois@brenner-france.example.fr").await;
    let martina = principal(&f.db, "martina.keller@example.de").await;
    // The permission profile comes with the principal.
    use kp_domain::{Function, MenuArea};
    assert!(claire.permissions.shows_area(MenuArea::Finances));
    assert!(!claire.permissions.shows_area(MenuArea::Contracts));
    assert!(!claire.permissions.allows(Function::ReportClaim));
    assert!(jens.permissions.allows(Function::ReportClaim));
    // Four-eyes approval: Jens W.'s reports go to Dr. Stefan B. first.
    assert!(!jens.permissions.allows(Function::SubmitClaim));
    assert!(stefan.permissions.allows(Function::ApproveClaims));
    assert!(stefan.permissions.allows(Function::SubmitClaim));
    assert!(!jens.permissions.shows_area(MenuArea::Finances));
    assert!(
        martina.permissions.shows_area(MenuArea::Contracts),
        "no profile: everything"
    );
    // Dr. B. is the group's organization administrator (delegated
    // administration); his colleagues do not manage users.
    assert!(stefan.permissions.allows(Function::ManageUsers));
    assert!(!jens.permissions.allows(Function::ManageUsers));
    assert!(!claire.permissions.allows(Function::ManageUsers));
    let (audited,): (i64,) =
        f.db.fetch_one(kp_storage::Sql::new(
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'user.scope_changed'",
        ))
        .await
        .unwrap();
    assert!(audited >= 1, "a few audit entries");

    let all = home::counts(&f.db, &stefan.scope).await.unwrap();
    let site = home::counts(&f.db, &jens.scope).await.unwrap();
    assert!(all.contracts >= 40 && all.customers == 12, "{all:?}");
    assert!(
        site.contracts > 0 && site.contracts < all.contracts,
        "{site:?} vs {all:?}"
    );
    assert!(site.claims > 0 && site.claims < all.claims);
    let mut q = Scoped::new(&jens.scope);
    q.push("SELECT o.site FROM insured_objects o WHERE ")
        .object("o");
    let sites: Vec<(String,)> = f.db.fetch_all(q.finish().unwrap()).await.unwrap();
    assert_eq!(sites.len() as i64, site.objects);
    assert!(sites.iter().all(|(s,)| s == "Werk Augsburg"), "{sites:?}");

    let (france,): (i64,) =
        f.db.fetch_one(Sql::new(
            "SELECT id FROM customers WHERE company_name = 'Brenner France SAS'",
        ))
        .await
        .unwrap();
    let fr = home::counts(&f.db, &claire.scope).await.unwrap();
    let seen = visible_contract_customers(&f.db, &claire).await;
    assert_eq!(fr.customers, 1);
    assert!(!seen.is_empty() && seen.iter().all(|c| *c == france));
    assert!(
        fr.open_invoices >= 2,
        "an open invoice and its dunning notice: {fr:?}"
    );

    let (own,): (i64,) =
        f.db.fetch_one(Sql::new(
            "SELECT id FROM customers WHERE email = 'martina.keller@example.de'",
        ))
        .await
        .unwrap();
    let mut mine = visible_contract_customers(&f.db, &martina).await;
    mine.dedup();
    assert_eq!(mine, vec![own]);
    assert_eq!(
        count_where(&f.db, "contracts", own).await,
        home::counts(&f.db, &martina.scope).await.unwrap().contracts
    );
    f.drop_db().await;
}

async fn count_where(db: &Db, table: &str, customer: i64) -> i64 {
    let (n,): (i64,) = db
        .fetch_one(
            Sql::new(format!(
                "SELECT COUNT(*) FROM {table} WHERE customer_id = $1"
            ))
            .arg(customer),
        )
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn every_document_is_a_stored_pdf_or_photo_with_its_context() {
    let f = backends::sqlite().await;
    kp_demo::seed(&f.db, &f.blobs).await.unwrap();
    let docs: Vec<(String, String, String)> =
        f.db.fetch_all(Sql::new(
            "SELECT DISTINCT storage_key, sha256, media_type FROM documents",
        ))
        .await
        .unwrap();
    assert!(docs.len() > 200);
    assert!(docs.iter().any(|(_, _, media)| media == "image/png"));
    for (key, sha, media) in docs {
        let bytes = f.blobs.get(&key).await.unwrap();
        let magic: &[u8] = match media.as_str() {
            "application/pdf" => b"%PDF",
            "image/png" => b"\x89PNG\r\n\x1a\n",
            other => panic!("unexpected media type {other}"),
        };
        assert!(bytes.starts_with(magic), "{key}");
        assert_eq!(kp_documents::sha256_hex(&bytes), sha);
    }
    // Records below a contract carry every id above them.
    for (what, sql) in [
        (
            "claim documents",
            "SELECT COUNT(*) FROM documents d JOIN claims c ON c.id = d.claim_id WHERE d.contract_id IS NULL OR d.contract_id <> c.contract_id OR d.object_id IS NOT c.object_id",
        ),
        (
            "finance documents",
            "SELECT COUNT(*) FROM documents d JOIN finance_items f ON f.id = d.finance_item_id WHERE d.customer_id <> f.customer_id OR d.contract_id IS NOT f.contract_id",
        ),
        (
            "contract documents",
            "SELECT COUNT(*) FROM documents d JOIN contracts k ON k.id = d.contract_id WHERE d.customer_id <> k.customer_id OR d.tenant_id <> k.tenant_id",
        ),
    ] {
        let (bad,): (i64,) = f.db.fetch_one(Sql::new(sql)).await.unwrap();
        assert_eq!(bad, 0, "{what} with inconsistent context ids");
    }
    f.drop_db().await;
}

#[tokio::test]
async fn loads_on_postgres_too() {
    let Some(pg) = backends::postgres().await else {
        return;
    };
    kp_demo::seed(&pg.db, &pg.blobs).await.unwrap();
    let sqlite = backends::sqlite().await;
    kp_demo::seed(&sqlite.db, &sqlite.blobs).await.unwrap();
    assert_eq!(counts(&pg.db).await, counts(&sqlite.db).await);
    let stefan = principal(&pg.db, "stefan.bauer@brenner-gruppe.example.de").await;
    let jens = principal(&pg.db, "jens.wagner@brenner-gruppe.example.de").await;
    assert!(
        home::counts(&pg.db, &jens.scope).await.unwrap().contracts
            < home::counts(&pg.db, &stefan.scope).await.unwrap().contracts
    );
    pg.drop_db().await;
}
