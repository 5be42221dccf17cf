//! The record a portal user uploads a document to (A7): read through the
//! scope predicate, in the caller's transaction, with what the document
//! row, the event and the task need (the ids above it and the clerk).

use kp_domain::{ClaimId, ContractId, CustomerId, ObjectId, Scope, StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::scope_sql::Scoped;
use crate::write::documents::{DocumentContext, context_id, context_in_scope, context_source};

/// A record a document may be uploaded to, as found inside the scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadTarget {
    pub tenant_id: TenantId,
    pub customer_id: CustomerId,
    pub contract_id: Option<ContractId>,
    pub object_id: Option<ObjectId>,
    pub claim_id: Option<ClaimId>,
    pub finance_item_id: Option<i64>,
    /// The contract's clerk, else the customer's; `None` when neither has
    /// one.
    pub clerk: Option<StaffUserId>,
}

type ContextRow = (
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// The record named by `ctx` if it exists inside `scope`; `None` when not
/// (the two are the same to the caller).
pub async fn target(
    tx: &mut Tx,
    scope: &Scope,
    ctx: DocumentContext,
) -> Result<Option<UploadTarget>> {
    let (cols, from) = context_source(ctx);
    let mut q = Scoped::new(scope);
    q.push(&format!("SELECT {cols} FROM {from} WHERE p.id = "))
        .bind(context_id(ctx))
        .push(" AND ");
    match ctx {
        // The customer's page is visible with the customer (as its detail
        // page reads it); whether its customer-level documents are is the
        // caller's check (`Scope::sees_customer_level_records`).
        DocumentContext::Customer(_) => {
            q.customer("p.id");
        }
        other => {
            context_in_scope(other, &mut q);
        }
    }
    let Some(row): Option<ContextRow> = tx.fetch_optional(q.finish()?).await? else {
        return Ok(None);
    };
    let (tenant, customer, contract, object, claim, finance_item, _, _) = row;
    // The record was found inside the scope above; its clerk is read by
    // the ids that lookup returned.
    let (clerk,): (Option<i64>,) = tx
        .fetch_one(
            Sql::new(
                "SELECT COALESCE(k.clerk_id, cu.clerk_id) FROM customers cu \
                 LEFT JOIN contracts k ON k.id = $1 WHERE cu.id = $2",
            )
            .arg(contract)
            .arg(customer),
        )
        .await?;
    Ok(Some(UploadTarget {
        tenant_id: TenantId(tenant),
        customer_id: CustomerId(customer),
        contract_id: contract.map(ContractId),
        object_id: object.map(ObjectId),
        claim_id: claim.map(ClaimId),
        finance_item_id: finance_item,
        clerk: clerk.map(StaffUserId),
    }))
}
