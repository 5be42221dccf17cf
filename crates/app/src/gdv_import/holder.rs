//! The policyholder of a group as a customer, matched by insurer and
//! customer number (`gdv:<VU number>:<customer number>`).

use gdv::Record;
use gdv::records::{Contract, Partner};
use kp_domain::CustomerId;
use kp_storage::Tx;
use kp_storage::gdv_import as store;

use super::apply::Writer;
use super::group::Group;
use super::map;
use crate::AppError;

impl Writer {
    pub(super) async fn customer(
        &mut self,
        tx: &mut Tx,
        g: &Group,
        holder: Option<&Partner>,
        contract: Option<&Contract>,
    ) -> Result<CustomerId, AppError> {
        let number = [
            holder.and_then(|p| p.customer_number_insurer.clone()),
            contract.and_then(|c| c.customer_number_insurer.clone()),
            holder.and_then(|p| p.customer_number_broker.clone()),
            contract.and_then(|c| c.customer_number_broker.clone()),
        ]
        .into_iter()
        .flatten()
        .map(|n| n.trim().to_owned())
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| format!("vsnr-{}", g.policy));
        let key = format!("gdv:{}:{number}", g.vu);
        if let Some(id) = self.customers.get(&key) {
            return Ok(*id);
        }
        let id = match holder {
            Some(p) => {
                let fields = map::customer(p, &number);
                let (id, outcome) =
                    store::upsert_customer(tx, self.tenant, &key, &fields, self.now).await?;
                self.report.written.customers.add(outcome);
                id
            }
            None => match store::customer_by_external_id(tx, self.tenant, &key).await? {
                Some(id) => id,
                None => {
                    let line = g.records.first().map_or(0, Record::line);
                    let m = self.message(
                        line,
                        "no_policy_holder",
                        format!(
                            "policy {:?} has no policyholder (0100 with Adresskennzeichen 01); customer {number} made from its number",
                            g.policy
                        ),
                    );
                    self.report.warn(m);
                    let fields = map::customer_by_number(&number);
                    let (id, outcome) =
                        store::upsert_customer(tx, self.tenant, &key, &fields, self.now).await?;
                    self.report.written.customers.add(outcome);
                    id
                }
            },
        };
        self.customers.insert(key, id);
        Ok(id)
    }
}
