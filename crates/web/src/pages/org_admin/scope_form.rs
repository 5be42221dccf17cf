//! The restriction fields shared by the invitation and the scope page:
//! customers, contract types, statuses and lines of business ("all" —
//! offered only where the admin is not restricted themselves — or "only
//! these" with a checkbox per value the admin has), and the object and
//! claim lists ("keep", "all", or "every one matching" a search).

use kp_app::org_admin::{ListChange, ScopeChoices, ScopeRequest};
use kp_domain::{ContractStatus, ContractType, Language, LineOfBusiness, Principal};
use serde::Serialize;

use crate::pages::parse_id;

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Serialize)]
pub(super) struct Group {
    field: &'static str,
    legend: &'static str,
    /// "All" is offered: the admin is not restricted here.
    can_all: bool,
    only: bool,
    options: Vec<Choice>,
}

#[derive(Serialize)]
pub(super) struct ListField {
    field: &'static str,
    legend: &'static str,
    /// The user has a list now (`None` for a new user or no list).
    current: Option<i64>,
    can_all: bool,
    /// `keep`, `all` or `matching`.
    mode: &'static str,
    text: String,
}

#[derive(Serialize)]
pub(super) struct Fields {
    groups: Vec<Group>,
    lists: Vec<ListField>,
}

fn strings<T: Copy>(list: &Option<Vec<T>>, key: fn(T) -> &'static str) -> Option<Vec<String>> {
    list.as_ref()
        .map(|l| l.iter().map(|c| key(*c).to_owned()).collect())
}

fn code_group<T: Copy>(
    field: &'static str,
    legend: &'static str,
    offered: &[T],
    own: bool,
    chosen: Option<Vec<String>>,
    key: fn(T) -> &'static str,
    label: impl Fn(&str) -> String,
) -> Group {
    Group {
        field,
        legend,
        can_all: !own,
        only: chosen.is_some() || own,
        options: offered
            .iter()
            .map(|c| Choice {
                value: key(*c).to_owned(),
                label: label(key(*c)),
                checked: chosen
                    .as_ref()
                    .is_some_and(|l| l.iter().any(|x| x == key(*c))),
            })
            .collect(),
    }
}

fn list_field(
    field: &'static str,
    legend: &'static str,
    current: Option<i64>,
    can_all: bool,
    change: &ListChange,
) -> ListField {
    let (mode, text) = match change {
        ListChange::Keep if current.is_some() => ("keep", String::new()),
        ListChange::Keep if !can_all => ("matching", String::new()),
        ListChange::Keep | ListChange::All => ("all", String::new()),
        ListChange::Matching(t) => ("matching", t.clone()),
    };
    ListField {
        field,
        legend,
        current,
        can_all,
        mode,
        text,
    }
}

/// The fields with `shown` as entered (or as saved).
pub(super) fn fields(
    lang: Language,
    principal: &Principal,
    choices: &ScopeChoices,
    shown: &ScopeRequest,
) -> Fields {
    let own = &principal.scope;
    let mut groups = vec![Group {
        field: "customer",
        legend: "scope-customers",
        can_all: own.customer_list().is_none(),
        only: shown.customers.is_some() || own.customer_list().is_some(),
        options: choices
            .customers
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: format!("{} ({})", c.name, c.external_id),
                checked: shown.customers.as_ref().is_some_and(|l| l.contains(&c.id)),
            })
            .collect(),
    }];
    let text =
        |prefix: &'static str| move |c: &str| crate::i18n::text(lang, &format!("{prefix}{c}"));
    groups.push(code_group(
        "type",
        "scope-contract-types",
        &choices.contract_types,
        own.contract_types.is_some(),
        shown.contract_types.clone(),
        ContractType::as_str,
        text("contract-type-"),
    ));
    groups.push(code_group(
        "status",
        "scope-statuses",
        &choices.statuses,
        own.statuses.is_some(),
        shown.statuses.clone(),
        ContractStatus::as_str,
        text("contract-status-"),
    ));
    groups.push(code_group(
        "line",
        "scope-lines",
        &choices.lines,
        own.lines.is_some(),
        shown.lines.clone(),
        LineOfBusiness::as_str,
        text("lob-"),
    ));
    let lists = vec![
        list_field(
            "objects",
            "scope-objects",
            choices.objects,
            own.object_list().is_none(),
            &shown.objects,
        ),
        list_field(
            "claims",
            "scope-claims",
            choices.claims,
            own.claim_list().is_none(),
            &shown.claims,
        ),
    ];
    Fields { groups, lists }
}

/// The saved restrictions as a request that changes nothing.
pub(super) fn saved(scope: &kp_domain::Scope, customers: &ScopeChoices) -> ScopeRequest {
    ScopeRequest {
        customers: scope.customer_list().map(|_| {
            customers
                .customers
                .iter()
                .filter(|c| c.chosen)
                .map(|c| c.id)
                .collect()
        }),
        contract_types: strings(&scope.contract_types, ContractType::as_str),
        statuses: strings(&scope.statuses, ContractStatus::as_str),
        lines: strings(&scope.lines, LineOfBusiness::as_str),
        objects: ListChange::Keep,
        claims: ListChange::Keep,
    }
}

pub(super) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn list_change(pairs: &[(String, String)], name: &str) -> ListChange {
    match field(pairs, &format!("{name}_mode")) {
        "all" => ListChange::All,
        "matching" => ListChange::Matching(field(pairs, &format!("{name}_text")).trim().to_owned()),
        _ => ListChange::Keep,
    }
}

/// The posted restrictions; `Err` for an id that is no number.
pub(super) fn read(pairs: &[(String, String)]) -> Result<ScopeRequest, ()> {
    let values = |name: &str| -> Option<Vec<String>> {
        (field(pairs, &format!("{name}_mode")) == "only").then(|| {
            pairs
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        })
    };
    let customers = match values("customer") {
        Some(ids) => Some(
            ids.iter()
                .map(|v| parse_id(v).ok_or(()))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    Ok(ScopeRequest {
        customers,
        contract_types: values("type"),
        statuses: values("status"),
        lines: values("line"),
        objects: list_change(pairs, "objects"),
        claims: list_change(pairs, "claims"),
    })
}
