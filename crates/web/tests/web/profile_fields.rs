//! The field catalogue walked (D2): for every field a permission profile
//! can hide, a distinctive value is placed in a record of Dr. B.'s
//! organization; it shows in each output the catalogue names for the
//! field (list page, detail page, CSV, PDF) while the field is visible,
//! and is absent from each once his profile hides the field. A field added
//! to the catalogue without a place here fails the test.

use axum::http::StatusCode;
use kp_domain::fields::{self, CATALOGUE, Output};
use kp_storage::Sql;

use crate::contract_sheet::{download, group_contract, pdf_text, pdftotext_available, signed_in};
use crate::harness::{Client, TestApp, hide_fields, spawn_app, spawn_app_on_postgres};

/// The records the values are placed in, all in Dr. B.'s scope.
struct Records {
    contract: i64,
    policy: String,
    customer: i64,
    object: i64,
    claim: i64,
    claim_number: String,
    finance_contract: i64,
    finance_number: String,
}

async fn records(t: &TestApp) -> Records {
    let (contract, policy, _, _) = group_contract(t).await;
    let (customer, object): (i64, i64) =
        t.db.fetch_one(
            Sql::new(
                "SELECT k.customer_id, o.id FROM contracts k JOIN insured_objects o \
                 ON o.contract_id = k.id WHERE k.id = $1 ORDER BY o.id LIMIT 1",
            )
            .arg(contract),
        )
        .await
        .unwrap();
    let (claim, claim_number): (i64, String) = t
        .db
        .fetch_one(Sql::new(
            "SELECT c.id, c.broker_claim_number FROM claims c JOIN contracts k ON k.id = c.contract_id \
             JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id IS NOT NULL \
             ORDER BY c.id LIMIT 1",
        ))
        .await
        .unwrap();
    let (finance_contract, finance_number): (i64, String) =
        t.db.fetch_one(Sql::new(
            "SELECT f.contract_id, f.number FROM finance_items f JOIN customers cu \
             ON cu.id = f.customer_id WHERE cu.organization_id IS NOT NULL \
             AND f.contract_id IS NOT NULL ORDER BY f.id LIMIT 1",
        ))
        .await
        .unwrap();
    Records {
        contract,
        policy,
        customer,
        object,
        claim,
        claim_number,
        finance_contract,
        finance_number,
    }
}

/// Places the field's distinctive value; returns what to look for.
async fn place(t: &TestApp, r: &Records, key: &str) -> &'static str {
    let (sql, needle) = match key {
        fields::CUSTOMER_BANK => (
            Sql::new(
                "UPDATE customers SET iban = 'DE02120300000000202051', bic = 'BYLADEM1001' \
                 WHERE id = $1",
            )
            .arg(r.customer),
            "DE02120300000000202051",
        ),
        fields::CONTRACT_INSURER => (
            Sql::new(
                "UPDATE insurers SET name = 'Zyxwvu Assekuranz' WHERE id = \
                 (SELECT insurer_id FROM contracts WHERE id = $1)",
            )
            .arg(r.contract),
            "ZyxwvuAssekuranz",
        ),
        fields::CONTRACT_PREMIUM => (
            Sql::new(
                "UPDATE contracts SET premium_net_minor = 987654321, \
                 premium_gross_minor = 987654321 WHERE id = $1",
            )
            .arg(r.contract),
            "987654321",
        ),
        fields::CONTRACT_SUM_INSURED => (
            Sql::new("UPDATE contracts SET sum_insured_minor = 876543219 WHERE id = $1")
                .arg(r.contract),
            "876543219",
        ),
        fields::CONTRACT_DEDUCTIBLE => (
            Sql::new("UPDATE contracts SET deductible_minor = 765432198 WHERE id = $1")
                .arg(r.contract),
            "765432198",
        ),
        fields::OBJECT_VALUE => (
            Sql::new("UPDATE insured_objects SET value_minor = 654321987 WHERE id = $1")
                .arg(r.object),
            "654321987",
        ),
        fields::CLAIM_RESERVE => (
            Sql::new("UPDATE claims SET reserve_minor = 543219876 WHERE id = $1").arg(r.claim),
            "543219876",
        ),
        fields::CLAIM_PAID => (
            Sql::new("UPDATE claims SET paid_minor = 432198765 WHERE id = $1").arg(r.claim),
            "432198765",
        ),
        fields::FINANCE_AMOUNT => (
            Sql::new("UPDATE finance_items SET amount_minor = 321987654 WHERE number = $1")
                .arg(&r.finance_number),
            "321987654",
        ),
        other => panic!("the catalogue's field {other} has no place in this test: add one"),
    };
    t.db.execute(sql).await.unwrap();
    needle
}

/// Where the field's output is, for Dr. B.
fn path(r: &Records, key: &str, output: Output) -> String {
    let record = key.split('.').next().unwrap();
    match (record, output) {
        ("customer", Output::Detail) => format!("/customers/{}", r.customer),
        ("contract", Output::List) => format!("/contracts?q={}", r.policy),
        ("contract", Output::Detail) => format!("/contracts/{}", r.contract),
        ("contract", Output::Csv) => format!("/contracts.csv?q={}", r.policy),
        ("contract", Output::Pdf) => format!("/contracts/{}/sheet.pdf", r.contract),
        ("object", Output::Detail) => format!("/objects/{}", r.object),
        ("claim", Output::List) => format!("/claims?q={}", r.claim_number),
        ("claim", Output::Detail) => format!("/claims/{}", r.claim),
        ("claim", Output::Csv) => format!("/claims.csv?q={}", r.claim_number),
        ("claim", Output::Pdf) => format!("/claims.pdf?q={}", r.claim_number),
        ("finance", Output::List) => format!("/finances?q={}", r.finance_number),
        ("finance", Output::Detail) => format!("/contracts/{}", r.finance_contract),
        ("finance", Output::Csv) => format!("/finances.csv?q={}", r.finance_number),
        _ => panic!("no {output:?} of {key} known to this test: add its path"),
    }
}

/// The output's text with the separators of formatted amounts and IBANs
/// removed, so `9.876.543,21 €` is found as `987654321`.
async fn text(client: &Client<'_>, path: &str, output: Output) -> Option<String> {
    let (status, _, bytes) = download(client, path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let raw = match output {
        Output::Pdf if !pdftotext_available() => return None,
        Output::Pdf => pdf_text(&bytes),
        _ => String::from_utf8(bytes).unwrap(),
    };
    Some(
        raw.replace("&#x27;", "")
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | '\'' | '’'))
            .collect(),
    )
}

async fn every_hidden_field_is_absent_from_every_output(t: &TestApp) {
    let r = records(t).await;
    let stefan = signed_in(t, "stefan").await;
    let mut checked = 0;
    for field in CATALOGUE {
        let needle = place(t, &r, field.key).await;
        hide_fields(t, "stefan", &[]).await;
        for output in field.outputs {
            let at = path(&r, field.key, *output);
            if let Some(shown) = text(&stefan, &at, *output).await {
                assert!(
                    shown.contains(needle),
                    "{} visible: {needle} missing in {at}",
                    field.key
                );
            }
        }
        hide_fields(t, "stefan", &[field.key]).await;
        for output in field.outputs {
            let at = path(&r, field.key, *output);
            if let Some(hidden) = text(&stefan, &at, *output).await {
                assert!(
                    !hidden.contains(needle),
                    "{} hidden, but {needle} is in {at}",
                    field.key
                );
                checked += 1;
            }
        }
    }
    // Nor does the search find a record by a hidden field's text.
    let mut stefan = stefan;
    hide_fields(t, "stefan", &[]).await;
    let found = stefan.get("/contracts?q=Zyxwvu").await;
    assert!(found.body.contains("<tbody>"), "found by its insurer");
    hide_fields(t, "stefan", &[fields::CONTRACT_INSURER]).await;
    let found = stefan.get("/contracts?q=Zyxwvu").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(
        !found.body.contains("<tbody>"),
        "the hidden insurer matched"
    );
    hide_fields(t, "stefan", &[]).await;
    assert!(
        checked >= CATALOGUE.len(),
        "every field was checked somewhere"
    );
}

#[tokio::test]
async fn every_hidden_field_is_absent_from_every_output_of_the_catalogue() {
    let t = spawn_app().await;
    every_hidden_field_is_absent_from_every_output(&t).await;
}

#[tokio::test]
async fn every_hidden_field_is_absent_from_every_output_of_the_catalogue_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    every_hidden_field_is_absent_from_every_output(&t).await;
}
