//! The id of the request being served, for the records written while
//! serving it (the audit log). The web layer runs each request inside
//! [`with_request_id`]; the use cases read it with [`request_id`] instead
//! of every signature carrying it. Work outside a request (housekeeping,
//! the command line) has none.

use std::future::Future;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Runs `work` as the request `id`.
pub async fn with_request_id<F: Future>(id: String, work: F) -> F::Output {
    REQUEST_ID.scope(id, work).await
}

/// The current request's id, or an empty string outside a request.
pub fn request_id() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn inside_and_outside_a_request() {
        assert_eq!(request_id(), "");
        let seen = with_request_id("abc123".into(), async { request_id() }).await;
        assert_eq!(seen, "abc123");
        assert_eq!(request_id(), "");
    }
}
