//! The OpenAPI document and the reference page: every recorded API route
//! is documented (and nothing else), the document is structurally valid
//! OpenAPI 3.1, and `/api/docs` works offline under the CSP.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::{Method, header};
use serde_json::Value;

use crate::api_support::{call, json_of};
use crate::harness::spawn_app;

async fn document() -> Value {
    let app = spawn_app().await;
    let r = call(&app, Method::GET, "/api/v1/openapi.json", None, None, &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    json_of(&r)
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

/// (method, path) of every documented operation.
fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            if METHODS.contains(&method.as_str()) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

#[tokio::test]
async fn every_api_route_is_documented_and_nothing_else() {
    let doc = document().await;
    let documented = operations(&doc);
    let routes: BTreeSet<(String, String)> = kp_web::api::route_table()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert!(routes.len() >= 24, "the table holds the API: {routes:?}");
    let missing: Vec<_> = routes.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document (annotate the handler and add it to \
         crates/web/src/api/openapi.rs): {missing:?}"
    );
    let stale: Vec<_> = documented.difference(&routes).collect();
    assert!(stale.is_empty(), "documented but not routed: {stale:?}");
    // The reference page is a route too, outside /api/v1.
    assert!(
        kp_web::api::route_table()
            .iter()
            .any(|r| r.path == "/api/docs")
    );
}

/// Every `$ref` in `value`.
fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref" {
                    out.push(v.as_str().unwrap());
                } else {
                    refs(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_is_valid_openapi_3_1() {
    let doc = document().await;
    // The fixed fields of an OpenAPI 3.1 document and nothing else at the
    // top (the full meta-schema check is .ci/schemathesis.sh's, with
    // openapi-spec-validator).
    for key in doc.as_object().unwrap().keys() {
        assert!(
            [
                "openapi",
                "info",
                "paths",
                "components",
                "tags",
                "servers",
                "security"
            ]
            .contains(&key.as_str()),
            "unexpected top-level field {key}"
        );
    }
    assert_eq!(doc["info"]["title"], "Kundenportal sync API");
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1."),
        "{}",
        doc["openapi"]
    );
    assert!(doc["info"]["version"].is_string());

    let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
    assert_eq!(schemes["bearer"]["type"], "http");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "Problem",
        "CustomerData",
        "ContractData",
        "ClaimData",
        "UpsertResult",
        "ImportReport",
    ] {
        assert!(schemas.contains_key(name), "schema {name}");
    }

    let mut ids = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        assert!(path.starts_with('/'), "{path}");
        let params: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        for (method, op) in item.as_object().unwrap() {
            assert!(METHODS.contains(&method.as_str()), "{path}: {method}");
            let id = op["operationId"].as_str().unwrap();
            assert!(
                ids.insert(id.to_owned(), path.clone()).is_none(),
                "operationId {id} twice"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(!responses.is_empty(), "{method} {path}: no responses");
            for (status, response) in responses {
                assert!(status.len() == 3, "{method} {path}: status {status}");
                assert!(response["description"].is_string());
            }
            // Each path parameter is declared, required, in the path.
            for name in &params {
                let declared = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|p| p["name"] == *name && p["in"] == "path" && p["required"] == true);
                assert!(declared, "{method} {path}: parameter {name}");
            }
            // Security names a declared scheme; only the document is open.
            let security = op["security"].as_array();
            if path == "/api/v1/openapi.json" {
                assert!(security.is_none_or(|s| s.is_empty()));
            } else {
                let names: Vec<&String> = security
                    .unwrap_or_else(|| panic!("{method} {path}: no security"))
                    .iter()
                    .flat_map(|s| s.as_object().unwrap().keys())
                    .collect();
                assert_eq!(names, vec!["bearer"], "{method} {path}");
            }
            // Errors are problem documents.
            if let Some(e) = responses.get("404").or(responses.get("401")) {
                assert!(
                    e["content"]["application/problem+json"].is_object(),
                    "{method} {path}: {e}"
                );
            }
        }
    }

    // Every reference resolves.
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for r in found {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected $ref {r}"));
        assert!(schemas.contains_key(name), "$ref {r} does not resolve");
    }
}

#[tokio::test]
async fn the_document_describes_the_wire_types() {
    let doc = document().await;
    let schemas = &doc["components"]["schemas"];
    // Unknown fields are refused, and the schema says so.
    assert_eq!(schemas["CustomerData"]["additionalProperties"], false);
    let required = schemas["CustomerData"]["required"].as_array().unwrap();
    assert!(required.contains(&Value::from("display_name")));
    assert!(!required.contains(&Value::from("city")), "has a default");
    // Codes are enumerated.
    let lob = schemas["LineOfBusiness"]["enum"].as_array().unwrap();
    assert!(lob.contains(&Value::from("motor")));
    // A record as read is its data plus id and times.
    let get = &doc["paths"]["/api/v1/contracts/{external_id}"]["get"];
    let body = &get["responses"]["200"]["content"]["application/json"]["schema"];
    let doc_schema = match body["$ref"].as_str() {
        Some(r) => &schemas[r.rsplit('/').next().unwrap()],
        None => body,
    };
    for field in ["external_id", "created_at", "updated_at", "policy_number"] {
        assert!(
            doc_schema["properties"][field].is_object(),
            "{field}: {doc_schema}"
        );
    }
    // The idempotency key and the list parameters.
    let put = &doc["paths"]["/api/v1/customers/{external_id}"]["put"];
    assert!(
        put["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header")
    );
    let list = &doc["paths"]["/api/v1/claims"]["get"];
    let names: Vec<&str> = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in ["cursor", "limit", "updated_since"] {
        assert!(names.contains(&p), "{p}: {names:?}");
    }
}

#[tokio::test]
async fn the_reference_page_loads_only_its_own_assets() {
    let app = spawn_app().await;
    let page = call(&app, Method::GET, "/api/docs", None, None, &[]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    // The portal's policy: nothing inline, nothing from elsewhere.
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(csp.contains("style-src 'self';"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    assert!(!page.body.contains("<style"), "no inline style element");
    // Every script is a file of this origin; no inline script.
    let mut assets = Vec::new();
    for part in page.body.split("<script").skip(1) {
        let tag = part.split('>').next().unwrap();
        let src = tag
            .split("src=\"")
            .nth(1)
            .unwrap_or_else(|| panic!("inline script: {part}"));
        assets.push(src.split('"').next().unwrap().to_owned());
    }
    for part in page.body.split("href=\"").skip(1) {
        assets.push(part.split('"').next().unwrap().to_owned());
    }
    assert_eq!(assets.len(), 4, "{assets:?}");
    for url in &assets {
        assert!(url.starts_with("/static/"), "{url}");
        let r = call(&app, Method::GET, url, None, None, &[]).await;
        assert_eq!(r.status, 200, "{url}");
        assert!(r.bytes.len() > 100, "{url}");
    }
    assert!(page.body.contains("data-spec=\"/api/v1/openapi.json\""));
    // The page needs no token, and the rest of the API still does.
    let r = call(&app, Method::GET, "/api/v1/customers", None, None, &[]).await;
    assert_eq!(r.status, 401);
}

/// Every record of the demo data reads over the API (schemathesis found
/// demo claims whose type was no claim type code: a 500 on the list).
#[tokio::test]
async fn every_demo_record_reads_over_the_api() {
    crate::api_support::on_both(demo_reads).await;
}

async fn demo_reads(app: crate::harness::TestApp) {
    for tenant in ["hamburg", "muenchen"] {
        let t = crate::api_support::token(&app, tenant, crate::api_support::ALL).await;
        for collection in [
            "customers",
            "contracts",
            "objects",
            "claims",
            "finance-items",
        ] {
            let mut path = format!("/api/v1/{collection}?limit=1000");
            let mut n = 0;
            loop {
                let r = crate::api_support::get(&app, &path, &t).await;
                assert_eq!(r.status, 200, "{tenant} {path}: {}", r.body);
                let page = json_of(&r);
                n += page["items"].as_array().unwrap().len();
                match page["next_cursor"].as_str() {
                    Some(c) => path = format!("/api/v1/{collection}?limit=1000&cursor={c}"),
                    None => break,
                }
            }
            if tenant == "hamburg" {
                assert!(n > 0, "{tenant} {collection}: the demo has records");
            }
        }
    }
}
