//! The columns a [`Principal`] is built from — the user, a staff member's
//! tenants, a portal user's scope flags and permission profile — read in
//! the same statement as whatever leads to the user (a session, a user id),
//! so that a signed-in request costs one query.

use kp_domain::{
    Actor, ContractStatus, ContractType, CustomerId, CustomerSet, Function, Language,
    LineOfBusiness, ListedIds, MenuArea, OrganizationId, Permissions, PortalUserId,
    PortalUserStatus, Principal, Scope, StaffRole, StaffUserId, TenantId, UnknownCode,
};

use crate::args::Sql;
use crate::db::Backend;
use crate::{Result, StorageError};

/// The select list; the statement must name `s.staff_user_id` and
/// `s.portal_user_id` and add [`joins`].
pub(crate) fn columns(backend: Backend, sql: &mut Sql) {
    let tenants = match backend {
        Backend::Sqlite => "group_concat(sut.tenant_id, ',')",
        Backend::Postgres => "string_agg(CAST(sut.tenant_id AS TEXT), ',')",
    };
    sql.push(
        "su.id AS su_id, su.name AS su_name, su.email AS su_email, su.role AS su_role, \
         su.language AS su_language, su.active AS su_active, (SELECT ",
    )
    .push(tenants)
    .push(
        " FROM staff_user_tenants sut WHERE sut.staff_user_id = su.id) AS su_tenants, \
         pu.id AS pu_id, pu.name AS pu_name, pu.email AS pu_email, pu.language AS pu_language, \
         pu.status AS pu_status, pu.organization_id AS pu_organization_id, \
         pu.customer_id AS pu_customer_id, pu.scope_contract_types, pu.scope_statuses, \
         pu.scope_lines, pu.scope_customers_set, pu.scope_objects_set, pu.scope_claims_set, \
         pp.id AS pp_id, pp.menu_areas AS pp_menu_areas, pp.functions AS pp_functions, \
         pp.hidden_fields AS pp_hidden_fields",
    );
}

pub(crate) fn joins(sql: &mut Sql) {
    sql.push(
        "LEFT JOIN staff_users su ON su.id = s.staff_user_id \
         LEFT JOIN portal_users pu ON pu.id = s.portal_user_id \
         LEFT JOIN permission_profiles pp ON pp.id = pu.permission_profile_id ",
    );
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    su_id: Option<i64>,
    su_name: Option<String>,
    su_email: Option<String>,
    su_role: Option<String>,
    su_language: Option<String>,
    su_active: Option<bool>,
    su_tenants: Option<String>,
    pu_id: Option<i64>,
    pu_name: Option<String>,
    pu_email: Option<String>,
    pu_language: Option<String>,
    pu_status: Option<String>,
    pu_organization_id: Option<i64>,
    pu_customer_id: Option<i64>,
    scope_contract_types: Option<String>,
    scope_statuses: Option<String>,
    scope_lines: Option<String>,
    scope_customers_set: Option<bool>,
    scope_objects_set: Option<bool>,
    scope_claims_set: Option<bool>,
    pp_id: Option<i64>,
    pp_menu_areas: Option<String>,
    pp_functions: Option<String>,
    pp_hidden_fields: Option<String>,
}

impl UserRow {
    /// The principal; `None` when the user is gone or may not sign in.
    pub(crate) fn principal(self) -> Result<Option<Principal>> {
        if let Some(id) = self.su_id {
            return self.staff(StaffUserId(id));
        }
        if let Some(id) = self.pu_id {
            return self.portal(PortalUserId(id));
        }
        Ok(None)
    }

    fn staff(self, id: StaffUserId) -> Result<Option<Principal>> {
        let (Some(name), Some(email), Some(role), Some(true)) =
            (self.su_name, self.su_email, self.su_role, self.su_active)
        else {
            return Ok(None);
        };
        let role = StaffRole::parse(&role)?;
        let tenants = self
            .su_tenants
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.trim()
                    .parse()
                    .map(TenantId)
                    .map_err(|_| StorageError::Corrupt(format!("tenant id {t:?}")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(Principal {
            scope: Principal::staff_scope(role, &tenants),
            actor: Actor::Staff { id, role, tenants },
            impersonated_by: None,
            name,
            email,
            language: language(self.su_language.as_deref()),
            permissions: Permissions::all(),
        }))
    }

    /// The portal user's scope as their sessions get it, whatever their
    /// status: for staff who look at or narrow what the user sees. `None`
    /// for a row that is no portal user's.
    pub(crate) fn portal_scope(&self) -> Result<Option<Scope>> {
        let Some(id) = self.pu_id.map(PortalUserId) else {
            return Ok(None);
        };
        let customers = match (self.pu_organization_id, self.pu_customer_id) {
            (Some(org), None) => CustomerSet::Organization(OrganizationId(org)),
            (None, Some(own)) => CustomerSet::Customer(CustomerId(own)),
            // The schema forbids both and neither; such a row signs no one in.
            _ => return Ok(None),
        };
        let listed = ListedIds {
            user: id,
            customers: self.scope_customers_set.unwrap_or(false),
            objects: self.scope_objects_set.unwrap_or(false),
            claims: self.scope_claims_set.unwrap_or(false),
        };
        Ok(Some(Scope {
            customers,
            contract_types: parse_list(self.scope_contract_types.as_deref(), ContractType::parse)?,
            statuses: parse_list(self.scope_statuses.as_deref(), ContractStatus::parse)?,
            lines: parse_list(self.scope_lines.as_deref(), LineOfBusiness::parse)?,
            listed: (listed.customers || listed.objects || listed.claims).then_some(listed),
        }))
    }

    fn portal(self, id: PortalUserId) -> Result<Option<Principal>> {
        let Some(scope) = self.portal_scope()? else {
            return Ok(None);
        };
        let (Some(name), Some(email), Some(status)) = (self.pu_name, self.pu_email, self.pu_status)
        else {
            return Ok(None);
        };
        if status != PortalUserStatus::Active.as_str() {
            return Ok(None);
        }
        let permissions = match self.pp_id {
            Some(_) => Permissions::profile(
                keys(self.pp_menu_areas.as_deref(), MenuArea::parse)?,
                keys(self.pp_functions.as_deref(), Function::parse)?,
                json_strings(self.pp_hidden_fields.as_deref())?,
            ),
            None => Permissions::all(),
        };
        Ok(Some(Principal {
            actor: Actor::Portal {
                id,
                organization: self.pu_organization_id.map(OrganizationId),
                customer: self.pu_customer_id.map(CustomerId),
            },
            impersonated_by: None,
            name,
            email,
            language: language(self.pu_language.as_deref()),
            scope,
            permissions,
        }))
    }
}

fn language(code: Option<&str>) -> Language {
    code.and_then(Language::parse).unwrap_or_default()
}

/// A comma-separated list of codes; NULL means "not restricted", an empty
/// string "restricted to nothing".
fn parse_list<T>(
    value: Option<&str>,
    parse: fn(&str) -> Result<T, UnknownCode>,
) -> Result<Option<Vec<T>>> {
    value
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| parse(s).map_err(StorageError::from))
                .collect()
        })
        .transpose()
}

fn json_strings(value: Option<&str>) -> Result<Vec<String>> {
    match value {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(text)
            .map_err(|e| StorageError::Corrupt(format!("permission profile list: {e}"))),
    }
}

/// The keys of a profile list. A key this version does not know (written
/// by a newer one, or a removed feature) is skipped rather than locking the
/// user out; it grants nothing.
fn keys<T>(value: Option<&str>, parse: fn(&str) -> Result<T, UnknownCode>) -> Result<Vec<T>> {
    Ok(json_strings(value)?
        .iter()
        .filter_map(|k| match parse(k) {
            Ok(v) => Some(v),
            Err(err) => {
                tracing::warn!(%err, "permission profile key ignored");
                None
            }
        })
        .collect())
}
