//! The SHA-256 behind an upload, on a blocking thread of its own. The
//! digest is of the whole file, one stream that cannot be split, and at
//! ≈ 1 GB/s it was the longest single chain of an upload (issue 10:
//! ≈ 90 ms of a 100 MiB upload on the request's thread, as long as `dd`'s
//! whole run). Here it runs beside the request reader and the writer, each
//! on the pieces the reader hands both (shared, not copied).
//!
//! The digest is [`StreamDigest`] (ring's SHA-256): on a processor
//! without the SHA extensions it hashes 100 MiB in 0.39 s where `sha2`
//! took 0.72–0.76 s (2026-12-01).
//!
//! At most [`QUEUE`] batches wait, as for the writer, so memory stays
//! bounded when hashing falls behind.

use super::StreamDigest;
use bytes::Bytes;
use tokio::sync::mpsc;

/// Batches that may wait for the hasher.
pub(super) const QUEUE: usize = 8;

/// What the request reader sends: batches of frames (clones of the
/// writer's, sharing their bytes), then the end (the channel's close).
pub(super) type Batch = Vec<Bytes>;

/// Runs until the sender is dropped after the last batch; the digest in
/// lower-case hex.
pub(super) fn run(mut batches: mpsc::Receiver<Batch>) -> String {
    let mut hasher = StreamDigest::new();
    while let Some(batch) = batches.blocking_recv() {
        for frame in &batch {
            hasher.update(frame);
        }
    }
    hasher.finish_hex()
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
        assert_eq!(digest, crate::sha256_hex(b"hello world"));
    }
}
