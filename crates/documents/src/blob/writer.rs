//! The writer behind an upload: a blocking thread that seals and writes
//! the pieces the request reader hands it through a bounded channel.
//! Reading and hashing the request (the runtime's thread) and sealing and
//! writing (this one) so run on two cores at once, and the
//! file is written with plain blocking calls in large batches instead of
//! one runtime hand-off per piece (issue 10: this doubled the upload's
//! throughput, see docs/benchmarks.md).
//!
//! Memory stays bounded: at most [`QUEUE`] batches wait in the channel (a
//! batch is network frames of [`SEND`] bytes or a frame more, a frame at
//! most a few hundred KiB), and the writer holds at most [`BATCH`] sealed
//! bytes and one unsealed chunk.

use std::fs::File;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::mpsc;

use super::crypt::{CryptError, Sealer};
use super::write_back::WriteBack;

/// Batches that may wait for the writer.
pub(super) const QUEUE: usize = 8;
/// Bytes of frames the request reader collects before it sends them: one
/// hand-over (and at most one wake-up of either thread) per batch rather
/// than per frame.
pub(super) const SEND: usize = 256 * 1024;
/// Bytes collected before one `write` call.
const BATCH: usize = 1 << 20;

/// What the request reader sends.
pub(super) enum Piece {
    Data(Vec<Bytes>),
    /// Everything was sent: seal the last chunk, write, `fsync`.
    End,
}

/// Why the writer stopped.
#[derive(Debug)]
pub(super) enum WriteError {
    Io(io::Error),
    Crypt(CryptError),
    /// The sender went away before [`Piece::End`]: the upload was
    /// abandoned, and nothing is synced.
    Abandoned,
}

/// Runs on a blocking thread until [`Piece::End`] or the sender's drop;
/// `file` is empty.
pub(super) fn run(
    mut file: File,
    mut sealer: Option<Sealer>,
    mut pieces: mpsc::Receiver<Piece>,
) -> Result<(), WriteError> {
    let mut t = Timings::default();
    let mut write_back = WriteBack::default();
    if let Some(sealer) = &sealer {
        file.write_all(sealer.header()).map_err(WriteError::Io)?;
    }
    // Unsealed stores batch the plaintext here.
    let mut plain = Vec::new();
    loop {
        let at = Instant::now();
        let Some(piece) = pieces.blocking_recv() else {
            return Err(WriteError::Abandoned);
        };
        t.idle += at.elapsed();
        let frames = match piece {
            Piece::Data(frames) => frames,
            Piece::End => break,
        };
        for data in frames {
            let at = Instant::now();
            match &mut sealer {
                Some(sealer) => {
                    sealer.push(&data).map_err(WriteError::Crypt)?;
                    t.seal += at.elapsed();
                    if sealer.sealed().len() >= BATCH {
                        let at = Instant::now();
                        file.write_all(sealer.sealed()).map_err(WriteError::Io)?;
                        write_back
                            .wrote(&file, sealer.sealed().len())
                            .map_err(WriteError::Io)?;
                        sealer.take_sealed();
                        t.write += at.elapsed();
                    }
                }
                None => {
                    plain.extend_from_slice(&data);
                    if plain.len() >= BATCH {
                        file.write_all(&plain).map_err(WriteError::Io)?;
                        write_back
                            .wrote(&file, plain.len())
                            .map_err(WriteError::Io)?;
                        plain.clear();
                    }
                    t.write += at.elapsed();
                }
            }
        }
    }
    let at = Instant::now();
    match &mut sealer {
        Some(sealer) => {
            sealer.finish().map_err(WriteError::Crypt)?;
            file.write_all(sealer.sealed()).map_err(WriteError::Io)?;
        }
        None => file.write_all(&plain).map_err(WriteError::Io)?,
    }
    t.write += at.elapsed();
    let at = Instant::now();
    write_back.finish().map_err(WriteError::Io)?;
    file.sync_all().map_err(WriteError::Io)?;
    t.sync = at.elapsed();
    // The per-phase profile of issue 10 (`RUST_LOG=kp_documents=debug`).
    tracing::debug!(
        idle_ms = t.idle.as_millis(),
        seal_ms = t.seal.as_millis(),
        write_ms = t.write.as_millis(),
        fsync_ms = t.sync.as_millis(),
        "upload written"
    );
    Ok(())
}

/// Where the writer's time went.
#[derive(Default)]
struct Timings {
    /// Waiting for the request reader.
    idle: Duration,
    seal: Duration,
    write: Duration,
    sync: Duration,
}
