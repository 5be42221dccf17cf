//! Early write-back for a large blob: while the writer still writes, a
//! second thread pushes what is already written to the disk
//! (`fdatasync` on a clone of the handle every [`STEP`] bytes), so the
//! final `fsync` after the last byte finds little left to do. Without it,
//! the whole upload sat in the page cache until the end and its `fsync`
//! (≈ 60 ms for 100 MiB here) was added to every upload's response time
//! (issue 10, docs/benchmarks.md).
//!
//! A sync requested while the previous one still runs is skipped: the
//! running one's successor covers those bytes too. An upload that never
//! reaches [`STEP`] starts no thread.

use std::fs::File;
use std::io;
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::JoinHandle;

/// Bytes written between two requests for write-back.
const STEP: u64 = 8 << 20;

#[derive(Default)]
pub(super) struct WriteBack {
    since_request: u64,
    worker: Option<Worker>,
}

struct Worker {
    wake: SyncSender<()>,
    thread: JoinHandle<io::Result<()>>,
}

impl WriteBack {
    /// Counts `n` bytes just written to `file`, and asks for write-back
    /// once [`STEP`] bytes have gathered.
    pub(super) fn wrote(&mut self, file: &File, n: usize) -> io::Result<()> {
        self.since_request += n as u64;
        if self.since_request < STEP {
            return Ok(());
        }
        self.since_request = 0;
        let worker = match &mut self.worker {
            Some(worker) => worker,
            None => self.worker.insert(Worker::start(file)?),
        };
        match worker.wake.try_send(()) {
            Ok(()) | Err(TrySendError::Full(())) => Ok(()),
            // The thread ended early: its error comes out of `finish`.
            Err(TrySendError::Disconnected(())) => Ok(()),
        }
    }

    /// Waits for the write-back thread (if any) and reports its error;
    /// the caller's `fsync` follows.
    pub(super) fn finish(self) -> io::Result<()> {
        let Some(Worker { wake, thread }) = self.worker else {
            return Ok(());
        };
        drop(wake);
        thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("write-back thread panicked")))
    }
}

impl Worker {
    fn start(file: &File) -> io::Result<Self> {
        let clone = file.try_clone()?;
        // One request may wait while a sync runs; more would be redundant.
        let (wake, requests) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("blob-write-back".into())
            .spawn(move || {
                while requests.recv().is_ok() {
                    clone.sync_data()?;
                }
                Ok(())
            })?;
        Ok(Self { wake, thread })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn small_files_start_no_thread_and_large_ones_finish_clean() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = File::create(dir.path().join("blob")).unwrap();
        let mut small = WriteBack::default();
        file.write_all(&[1; 1024]).unwrap();
        small.wrote(&file, 1024).unwrap();
        assert!(small.worker.is_none());
        small.finish().unwrap();

        let mut large = WriteBack::default();
        let block = vec![7u8; 1 << 20];
        for _ in 0..20 {
            file.write_all(&block).unwrap();
            large.wrote(&file, block.len()).unwrap();
        }
        assert!(large.worker.is_some());
        large.finish().unwrap();
        file.sync_all().unwrap();
        assert_eq!(file.metadata().unwrap().len(), 1024 + 20 * (1 << 20));
    }
}
