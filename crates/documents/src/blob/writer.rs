//! The writer behind an upload: a blocking thread that hashes, seals and
//! writes the pieces the request reader hands it through a bounded
//! channel. Reading the request (the runtime's thread) and hashing,
//! sealing and writing (this one) so run on two cores at once, and the
//! file is written with plain blocking calls in large batches instead of
//! one runtime hand-off per piece (issue 10: this doubled the upload's
//! throughput, see docs/benchmarks.md).
//!
//! Memory stays bounded: at most [`QUEUE`] pieces wait in the channel (a
//! piece is one network frame, at most a few hundred KiB), and the writer
//! holds at most [`BATCH`] sealed bytes and one unsealed chunk.

use std::fs::File;
use std::io::{self, Write};

use bytes::Bytes;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use super::crypt::{CryptError, Sealer};

/// Pieces that may wait for the writer.
pub(super) const QUEUE: usize = 16;
/// Bytes collected before one `write` call.
const BATCH: usize = 1 << 20;

/// What the request reader sends.
pub(super) enum Piece {
    Data(Bytes),
    /// Everything was sent: seal the last chunk, write, `fsync`.
    End,
}

/// What the writer found.
#[derive(Debug)]
pub(super) struct Written {
    /// Lower-case hex SHA-256 of the plaintext.
    pub sha256: String,
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
) -> Result<Written, WriteError> {
    if let Some(sealer) = &sealer {
        file.write_all(sealer.header()).map_err(WriteError::Io)?;
    }
    let mut hasher = Sha256::new();
    // Unsealed stores batch the plaintext here.
    let mut plain = Vec::new();
    loop {
        let Some(piece) = pieces.blocking_recv() else {
            return Err(WriteError::Abandoned);
        };
        let data = match piece {
            Piece::Data(data) => data,
            Piece::End => break,
        };
        hasher.update(&data);
        match &mut sealer {
            Some(sealer) => {
                sealer.push(&data).map_err(WriteError::Crypt)?;
                if sealer.sealed().len() >= BATCH {
                    file.write_all(sealer.sealed()).map_err(WriteError::Io)?;
                    sealer.take_sealed();
                }
            }
            None if plain.is_empty() && data.len() >= BATCH => {
                file.write_all(&data).map_err(WriteError::Io)?;
            }
            None => {
                plain.extend_from_slice(&data);
                if plain.len() >= BATCH {
                    file.write_all(&plain).map_err(WriteError::Io)?;
                    plain.clear();
                }
            }
        }
    }
    match &mut sealer {
        Some(sealer) => {
            sealer.finish().map_err(WriteError::Crypt)?;
            file.write_all(sealer.sealed()).map_err(WriteError::Io)?;
        }
        None => file.write_all(&plain).map_err(WriteError::Io)?,
    }
    file.sync_all().map_err(WriteError::Io)?;
    Ok(Written {
        sha256: hex::encode(hasher.finalize()),
    })
}
