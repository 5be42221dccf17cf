//! The scope predicate in SQL equals the plain-Rust reference on random
//! worlds and scopes, on every backend.

use kp_storage::scope_sql::{Context, Scoped};
use kp_storage::{Db, Sql, Tx};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::backends;
use crate::reference::{self, Reference, TestScope, World};

const TS: &str = "2026-01-01T00:00:00Z";

fn cases() -> u32 {
    std::env::var("KUNDENPORTAL_SCOPE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

async fn exec(tx: &mut Tx, sql: Sql) {
    tx.execute(sql).await.unwrap();
}

async fn load(db: &Db, w: &World) {
    let mut tx = db.begin().await.unwrap();
    for table in [
        "portal_users",
        "documents",
        "finance_items",
        "claims",
        "insured_objects",
        "contract_co_insured",
        "contracts",
        "customers",
        "organizations",
        "tenants",
    ] {
        exec(&mut tx, Sql::new(format!("DELETE FROM {table}"))).await;
    }
    let ts: chrono::DateTime<chrono::Utc> = TS.parse().unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for t in &w.tenants {
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO tenants (id, name, created_at, updated_at) VALUES ($1, 'T', $2, $2)",
            )
            .arg(*t)
            .arg(ts),
        )
        .await;
    }
    for org in [1_i64, 2] {
        let sql =
            "INSERT INTO organizations (id, name, created_at, updated_at) VALUES ($1, 'O', $2, $2)";
        exec(&mut tx, Sql::new(sql).arg(org).arg(ts)).await;
    }
    for c in &w.customers {
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO customers (id, tenant_id, organization_id, external_id, kind, display_name, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, 'person', 'C', $5, $5)",
            )
            .arg(c.id)
            .arg(c.tenant)
            .arg(c.organization)
            .arg(format!("c{}", c.id))
            .arg(ts),
        )
        .await;
    }
    let tenant_of = |customer: i64| {
        w.customers
            .iter()
            .find(|c| c.id == customer)
            .map(|c| c.tenant)
            .unwrap()
    };
    for k in &w.contracts {
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO contracts (id, tenant_id, customer_id, external_id, policy_number, line_of_business, \
                 contract_type, status, start_date, payment_frequency, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, 'yearly', $9, $9)",
            )
            .arg(k.id)
            .arg(tenant_of(k.customer))
            .arg(k.customer)
            .arg(format!("k{}", k.id))
            .arg(k.line)
            .arg(k.contract_type)
            .arg(k.status)
            .arg(day)
            .arg(ts),
        )
        .await;
        for co in &k.co_insured {
            exec(
                &mut tx,
                Sql::new(
                    "INSERT INTO contract_co_insured (contract_id, customer_id) VALUES ($1, $2)",
                )
                .arg(k.id)
                .arg(*co),
            )
            .await;
        }
    }
    for o in &w.objects {
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO insured_objects (id, tenant_id, contract_id, external_id, kind, description, created_at, updated_at) \
                 VALUES ($1, 1, $2, $3, 'building', 'O', $4, $4)",
            )
            .arg(o.id)
            .arg(o.contract)
            .arg(format!("o{}", o.id))
            .arg(ts),
        )
        .await;
    }
    for c in &w.claims {
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO claims (id, tenant_id, contract_id, object_id, external_id, date_of_loss, reported_on, \
                 claim_type, status, created_at, updated_at) VALUES ($1, 1, $2, $3, $4, $5, $5, 'fire', 'reported', $6, $6)",
            )
            .arg(c.id)
            .arg(c.contract)
            .arg(c.object)
            .arg(format!("s{}", c.id))
            .arg(day)
            .arg(ts),
        )
        .await;
    }
    for d in &w.documents {
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO documents (id, tenant_id, customer_id, contract_id, object_id, claim_id, document_type, title, \
                 file_name, media_type, size_bytes, sha256, storage_key, source, created_at, updated_at) \
                 VALUES ($1, 1, $2, $3, $4, $5, 'policy', 'D', 'd.pdf', 'application/pdf', 1, 'x', 'x', 'back_office', $6, $6)",
            )
            .arg(d.id)
            .arg(d.customer)
            .arg(d.contract)
            .arg(d.object)
            .arg(d.claim)
            .arg(ts),
        )
        .await;
    }
    for f in &w.finance_items {
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO finance_items (id, tenant_id, customer_id, contract_id, external_id, kind, number, issue_date, \
                 due_date, amount_minor, created_at, updated_at) VALUES ($1, 1, $2, $3, $4, 'invoice', 'n', $5, $5, 100, $6, $6)",
            )
            .arg(f.id)
            .arg(f.customer)
            .arg(f.contract)
            .arg(format!("f{}", f.id))
            .arg(day)
            .arg(ts),
        )
        .await;
    }
    tx.commit().await.unwrap();
}

/// The portal users holding the scopes' id lists (user `i + 1` for scope
/// `i`), in the tables the SQL reads them from.
async fn load_lists(db: &Db, w: &World, scopes: &[TestScope]) {
    let mut tx = db.begin().await.unwrap();
    exec(&mut tx, Sql::new("DELETE FROM portal_users")).await;
    let ts: chrono::DateTime<chrono::Utc> = TS.parse().unwrap();
    for (i, s) in scopes.iter().enumerate() {
        let user = i as i64 + 1;
        exec(
            &mut tx,
            Sql::new(
                "INSERT INTO portal_users (id, email, name, status, customer_id, created_at, updated_at) \
                 VALUES ($1, $2, 'U', 'active', $3, $4, $4)",
            )
            .arg(user)
            .arg(format!("u{user}@example.org"))
            .arg(w.customers[0].id)
            .arg(ts),
        )
        .await;
        let lists = [
            ("portal_user_scope_customers", "customer_id", &s.customers),
            ("portal_user_scope_objects", "object_id", &s.objects),
            ("portal_user_scope_claims", "claim_id", &s.claims),
        ];
        for (table, column, ids) in lists {
            for id in ids.iter().flatten() {
                let sql = format!("INSERT INTO {table} (portal_user_id, {column}) VALUES ($1, $2)");
                exec(&mut tx, Sql::new(sql).arg(user).arg(*id)).await;
            }
        }
    }
    tx.commit().await.unwrap();
}

async fn visible(
    db: &Db,
    scope: &TestScope,
    table: &str,
    alias: &str,
    pred: impl FnOnce(&mut Scoped<'_>),
) -> Vec<i64> {
    let mut q = Scoped::new(&scope.scope);
    q.push(&format!("SELECT {alias}.id FROM {table} {alias} WHERE "));
    pred(&mut q);
    q.push(&format!(" ORDER BY {alias}.id"));
    let rows: Vec<(i64,)> = db.fetch_all(q.finish().unwrap()).await.unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn check(db: &Db, w: &World, scope: &TestScope) -> Result<(), String> {
    let r = Reference { world: w, scope };
    let expect = |ids: Vec<i64>, f: &dyn Fn(i64) -> bool| {
        ids.into_iter().filter(|id| f(*id)).collect::<Vec<_>>()
    };
    let pairs = [
        (
            "customers",
            visible(db, scope, "customers", "cu", |s| {
                s.customer("cu.id");
            })
            .await,
            expect(w.customers.iter().map(|c| c.id).collect(), &|id| {
                r.customer(id)
            }),
        ),
        (
            "contracts",
            visible(db, scope, "contracts", "k", |s| {
                s.contract("k");
            })
            .await,
            expect(w.contracts.iter().map(|c| c.id).collect(), &|id| {
                r.contract(id)
            }),
        ),
        (
            "objects",
            visible(db, scope, "insured_objects", "o", |s| {
                s.object("o");
            })
            .await,
            expect(w.objects.iter().map(|c| c.id).collect(), &|id| r.object(id)),
        ),
        (
            "claims",
            visible(db, scope, "claims", "c", |s| {
                s.claim("c");
            })
            .await,
            expect(w.claims.iter().map(|c| c.id).collect(), &|id| r.claim(id)),
        ),
        (
            "documents",
            visible(db, scope, "documents", "d", |s| {
                s.in_context("d", Context::FULL);
            })
            .await,
            w.documents
                .iter()
                .filter(|d| r.attached(d))
                .map(|d| d.id)
                .collect(),
        ),
        (
            "finance items",
            visible(db, scope, "finance_items", "f", |s| {
                s.in_context("f", Context::CONTRACT);
            })
            .await,
            w.finance_items
                .iter()
                .filter(|f| r.attached(f))
                .map(|f| f.id)
                .collect(),
        ),
    ];
    for (what, got, want) in pairs {
        if got != want {
            return Err(format!("{what}: SQL {got:?} != reference {want:?}"));
        }
    }
    Ok(())
}

/// A contract visible in `a` that `b` shows too ([`Scoped::contract_also_in`],
/// the pickers' check against two scopes): the intersection of both
/// references, whichever shape `b` has (a plain tenant scope is read off
/// the contract row).
async fn check_also_in(db: &Db, w: &World, a: &TestScope, b: &TestScope) -> Result<(), String> {
    let (ra, rb) = (
        Reference { world: w, scope: a },
        Reference { world: w, scope: b },
    );
    let got = visible(db, a, "contracts", "k", |s| {
        s.contract("k")
            .push(" AND ")
            .contract_also_in("k", &b.scope);
    })
    .await;
    let want: Vec<i64> = w
        .contracts
        .iter()
        .map(|k| k.id)
        .filter(|id| ra.contract(*id) && rb.contract(*id))
        .collect();
    if got != want {
        return Err(format!(
            "contracts also in: SQL {got:?} != reference {want:?}"
        ));
    }
    Ok(())
}

fn run_property(t: &backends::TestDb, rt: &tokio::runtime::Handle) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = reference::world().prop_flat_map(|w| {
        let scopes = (
            reference::scope(&w, 1),
            reference::scope(&w, 2),
            reference::scope(&w, 3),
        );
        (Just(w), scopes)
    });
    let result = runner.run(&strategy, |(world, (a, b, c))| {
        let scopes = [a, b, c];
        rt.block_on(async {
            load(&t.db, &world).await;
            load_lists(&t.db, &world, &scopes).await;
            for scope in &scopes {
                check(&t.db, &world, scope)
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{e}\nscope: {scope:?}")))?;
            }
            for (a, b) in [(0, 1), (1, 2), (2, 0)] {
                let (a, b) = (&scopes[a], &scopes[b]);
                check_also_in(&t.db, &world, a, b)
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{e}\nscopes: {a:?} and {b:?}")))?;
            }
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{}: {e}", t.label);
    }
}

#[test]
fn scope_predicate_matches_reference_on_sqlite() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let t = rt.block_on(backends::sqlite());
    run_property(&t, rt.handle());
}

#[test]
fn scope_predicate_matches_reference_on_postgres() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some(t) = rt.block_on(backends::postgres()) else {
        return;
    };
    run_property(&t, rt.handle());
    rt.block_on(t.drop_db());
}
