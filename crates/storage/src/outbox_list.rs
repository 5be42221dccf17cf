//! The "Outgoing mail" page's reads: every mail, newest first, paged, and
//! one mail. An administrator working for some tenants sees the mails sent
//! for those tenants only; one working for all (no tenants) sees every
//! mail. `tenants` is `None` for "all".

use kp_domain::TenantId;

use crate::Result;
use crate::args::Sql;
use crate::db::Db;
use crate::outbox::{COLUMNS, MailRow, OutboxMail};

fn tenant_filter(sql: &mut Sql, tenants: Option<&[TenantId]>) {
    match tenants {
        None => {
            sql.push(" WHERE TRUE");
        }
        Some([]) => {
            sql.push(" WHERE FALSE");
        }
        Some(tenants) => {
            sql.push(" WHERE tenant_id IN ");
            sql.bind_list(tenants.iter().copied());
        }
    }
}

/// One page of mails, newest first, and how many there are in all.
pub async fn page(
    db: &Db,
    tenants: Option<&[TenantId]>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<OutboxMail>, i64)> {
    let mut count = Sql::new("SELECT COUNT(*) FROM outbox_mails");
    tenant_filter(&mut count, tenants);
    let (total,): (i64,) = db.fetch_one(count).await?;
    let mut sql = Sql::new(format!("SELECT {COLUMNS} FROM outbox_mails"));
    tenant_filter(&mut sql, tenants);
    sql.push(" ORDER BY created_at DESC, id DESC LIMIT ");
    sql.bind(limit).push(" OFFSET ");
    sql.bind(offset);
    let rows: Vec<MailRow> = db.fetch_all(sql).await?;
    let mails = rows
        .into_iter()
        .map(OutboxMail::try_from)
        .collect::<Result<Vec<_>>>()?;
    Ok((mails, total))
}

/// One mail if the administrator may see it.
pub async fn get_visible(
    db: &Db,
    id: i64,
    tenants: Option<&[TenantId]>,
) -> Result<Option<OutboxMail>> {
    let mut sql = Sql::new(format!("SELECT {COLUMNS} FROM outbox_mails"));
    tenant_filter(&mut sql, tenants);
    sql.push(" AND id = ");
    sql.bind(id);
    let row: Option<MailRow> = db.fetch_optional(sql).await?;
    row.map(OutboxMail::try_from).transpose()
}
