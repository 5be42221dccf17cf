//! Savepoints inside a transaction, so that one failing step (a bad line
//! of a bulk request) can be undone without the good ones before it.

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

impl Tx {
    /// Marks a point the transaction can return to (bulk: one bad line
    /// must not undo the good ones before it). Names are fixed words, never
    /// input.
    pub async fn savepoint(&mut self, name: &'static str) -> Result<()> {
        self.execute(Sql::new(format!("SAVEPOINT {name}"))).await?;
        Ok(())
    }

    /// Undoes everything since the savepoint, which stays set.
    pub async fn rollback_to(&mut self, name: &'static str) -> Result<()> {
        self.execute(Sql::new(format!("ROLLBACK TO SAVEPOINT {name}")))
            .await?;
        Ok(())
    }

    pub async fn release(&mut self, name: &'static str) -> Result<()> {
        self.execute(Sql::new(format!("RELEASE SAVEPOINT {name}")))
            .await?;
        Ok(())
    }
}
