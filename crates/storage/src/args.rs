//! A dialect-neutral SQL text with its bind values. Both sqlx drivers accept
//! `$n` placeholders, so one text serves SQLite and PostgreSQL.

use chrono::{DateTime, NaiveDate, Utc};

/// A bind value. Each variant carries an `Option` so that a NULL keeps its
/// SQL type, which PostgreSQL needs to infer parameter types.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    I64(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
    Time(Option<DateTime<Utc>>),
}

#[derive(Debug, Clone, Default)]
pub struct Sql {
    pub(crate) text: String,
    pub(crate) args: Vec<Arg>,
    /// Placeholders are SQLite's anonymous `?` in value order, written so
    /// by [`Sql::bind`] (see [`Sql::for_bulk`]).
    pub(crate) anonymous: bool,
}

impl Sql {
    /// Starts a statement; the text may already hold `$1…$n` for values
    /// added with [`Sql::arg`].
    pub fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            args: Vec::new(),
            anonymous: false,
        }
    }

    /// Starts a statement of many values for `backend`, whose values are
    /// all added with [`Sql::bind`]: on SQLite the placeholders are
    /// written as anonymous `?` right away, which spares rewriting the
    /// text of a bulk insert when it is run (see `placeholders`).
    pub(crate) fn for_bulk(backend: crate::db::Backend, text: impl Into<String>) -> Sql {
        Sql {
            anonymous: backend == crate::db::Backend::Sqlite,
            ..Sql::new(text)
        }
    }

    /// Adds a value for the next numbered placeholder already in the text.
    pub fn arg(mut self, value: impl Into<Arg>) -> Sql {
        self.args.push(value.into());
        self
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Sql {
        self.args.push(value.into());
        if self.anonymous {
            self.text.push('?');
            return self;
        }
        let n = self.args.len();
        self.text.push('$');
        self.text.push_str(&n.to_string());
        self
    }

    /// Appends `(…)` with one placeholder per value. An empty list becomes
    /// `(NULL)`, for which `x IN (NULL)` is never true — the meaning of a
    /// restriction to nothing.
    pub fn bind_list<T: Into<Arg>>(&mut self, values: impl IntoIterator<Item = T>) -> &mut Sql {
        self.text.push('(');
        let mut first = true;
        for value in values {
            if !first {
                self.text.push_str(", ");
            }
            first = false;
            self.bind(value);
        }
        if first {
            self.text.push_str("NULL");
        }
        self.text.push(')');
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn args(&self) -> &[Arg] {
        &self.args
    }
}

macro_rules! arg_from {
    ($variant:ident: $($ty:ty),*) => {$(
        impl From<$ty> for Arg {
            fn from(v: $ty) -> Arg { Arg::$variant(Some(v.into())) }
        }
        impl From<Option<$ty>> for Arg {
            fn from(v: Option<$ty>) -> Arg { Arg::$variant(v.map(Into::into)) }
        }
    )*};
}

arg_from!(I64: i64, i32);
arg_from!(Text: String, &str);
arg_from!(Bool: bool);
arg_from!(Date: NaiveDate);
arg_from!(Time: DateTime<Utc>);

impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}

macro_rules! arg_from_id {
    ($($ty:ident),*) => {$(
        impl From<kp_domain::$ty> for Arg {
            fn from(v: kp_domain::$ty) -> Arg { Arg::I64(Some(v.0)) }
        }
        impl From<Option<kp_domain::$ty>> for Arg {
            fn from(v: Option<kp_domain::$ty>) -> Arg { Arg::I64(v.map(|id| id.0)) }
        }
    )*};
}

kp_domain::for_each_id_type!(arg_from_id);

macro_rules! arg_from_code {
    ($($ty:ident),*) => {$(
        impl From<kp_domain::$ty> for Arg {
            fn from(v: kp_domain::$ty) -> Arg { Arg::Text(Some(v.as_str().to_owned())) }
        }
    )*};
}

arg_from_code!(
    LineOfBusiness,
    ContractType,
    ContractStatus,
    PaymentFrequency,
    ClaimStatus,
    ClaimType,
    ObjectKind,
    CustomerKind,
    FinanceKind,
    DocumentType,
    StaffRole,
    PortalUserStatus,
    PremiumChangeReason
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_bind_order() {
        let mut sql = Sql::new("SELECT 1 WHERE a = $1").arg(1_i64);
        sql.push(" AND b IN ")
            .bind_list(["x", "y"])
            .push(" AND c IN ")
            .bind_list(Vec::<i64>::new());
        assert_eq!(
            sql.text(),
            "SELECT 1 WHERE a = $1 AND b IN ($2, $3) AND c IN (NULL)"
        );
        assert_eq!(sql.args().len(), 3);
    }

    #[test]
    fn bulk_statements_write_sqlites_placeholders_at_once() {
        use crate::db::Backend;
        let build = |backend| {
            let mut sql = Sql::for_bulk(backend, "INSERT INTO t (a, b) VALUES ");
            sql.bind_list([1_i64, 2]).push(", ").bind_list([3_i64, 4]);
            sql
        };
        let sqlite = build(Backend::Sqlite);
        assert_eq!(sqlite.text(), "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)");
        assert!(sqlite.anonymous);
        let pg = build(Backend::Postgres);
        assert_eq!(pg.text(), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        assert_eq!(pg.args(), sqlite.args());
    }
}
