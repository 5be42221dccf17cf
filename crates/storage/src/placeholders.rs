//! Placeholder rewriting for SQLite.

use crate::Result;
use crate::args::{Arg, Sql};
use crate::error::StorageError;

/// Rewrites `$n` placeholders into anonymous `?` with the values in text
/// order. SQLite resolves every `$n` (and `?n`) by a linear search over the
/// names seen so far, so a statement with thousands of values (an object
/// list in a scope, a bulk insert) parses in quadratic time; anonymous `?`
/// are numbered in constant time. Quoted literals are left alone.
pub(crate) fn anonymous(sql: &Sql) -> Result<(String, Vec<&Arg>)> {
    let text = &sql.text;
    let mut out = String::with_capacity(text.len());
    let mut args = Vec::with_capacity(sql.args.len());
    let mut chars = text.char_indices().peekable();
    let mut in_literal = false;
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            in_literal = !in_literal;
        }
        if c != '$' || in_literal {
            out.push(c);
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while let Some((j, d)) = chars.peek().copied() {
            if !d.is_ascii_digit() {
                break;
            }
            end = j + 1;
            chars.next();
        }
        let n: usize = text[start..end]
            .parse()
            .map_err(|_| StorageError::Corrupt(format!("stray '$' in SQL at byte {i}")))?;
        let arg = n
            .checked_sub(1)
            .and_then(|k| sql.args.get(k))
            .ok_or_else(|| StorageError::Corrupt(format!("placeholder ${n} has no value")))?;
        out.push('?');
        args.push(arg);
    }
    Ok((out, args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_anonymous_in_text_order() {
        let mut sql = Sql::new("SELECT '$9' WHERE a = $2 AND b = $1 AND c = $2")
            .arg(10_i64)
            .arg("x");
        sql.push(" AND d IN ").bind_list([7_i64]);
        let (text, args) = anonymous(&sql).unwrap();
        assert_eq!(
            text,
            "SELECT '$9' WHERE a = ? AND b = ? AND c = ? AND d IN (?)"
        );
        let expected = [
            Arg::from("x"),
            Arg::from(10_i64),
            Arg::from("x"),
            Arg::from(7_i64),
        ];
        assert_eq!(args, expected.iter().collect::<Vec<_>>());
        assert!(anonymous(&Sql::new("SELECT $3")).is_err());
    }
}
