//! The SHA-256 behind an upload, on a blocking thread of its own. The
//! digest is of the whole file, one stream that cannot be split, and at
//! ≈ 1 GB/s it was the longest single chain of an upload (issue 10:
//! ≈ 90 ms of a 100 MiB upload on the request's thread, as long as `dd`'s
//! whole run). Here it runs beside the request reader and the writer, each
//! on the pieces the reader hands both (shared, not copied).
//!
//! The digest is ring's: its SHA-256 is the assembler code of OpenSSL,
//! with AVX2 paths for processors without the SHA extensions. On such a
//! processor (a 2 GHz Xeon, 2026-12-01) `sha2` took ≈ 1.0 s for 100 MiB
//! and ring ≈ 0.63 s; with the SHA extensions both use them.
//!
//! At most [`QUEUE`] batches wait, as for the writer, so memory stays
//! bounded when hashing falls behind.

use bytes::Bytes;
use ring::digest::{Context, SHA256};
use tokio::sync::mpsc;

/// Batches that may wait for the hasher.
pub(super) const QUEUE: usize = 8;

/// What the request reader sends: batches of frames (clones of the
/// writer's, sharing their bytes), then the end (the channel's close).
pub(super) type Batch = Vec<Bytes>;

/// Runs until the sender is dropped after the last batch; the digest.
pub(super) fn run(mut batches: mpsc::Receiver<Batch>) -> [u8; 32] {
    let mut hasher = Context::new(&SHA256);
    while let Some(batch) = batches.blocking_recv() {
        for frame in &batch {
            hasher.update(frame);
        }
    }
    let mut digest = [0u8; 32];
    digest.copy_from_slice(hasher.finish().as_ref());
    digest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_digest_is_of_every_batch_in_order() {
        let (tx, rx) = mpsc::channel(QUEUE);
        let hashing = tokio::task::spawn_blocking(move || run(rx));
        for part in [&b"hello "[..], b"wor", b"ld"] {
            tx.send(vec![Bytes::copy_from_slice(part)]).await.unwrap();
        }
        drop(tx);
        let digest = hashing.await.unwrap();
        assert_eq!(hex::encode(digest), crate::sha256_hex(b"hello world"));
    }
}
