//! Reading a sealed blob as plaintext, one chunk in memory at a time.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use ring::aead::LessSafeKey;
use tokio::io::{AsyncRead, AsyncReadExt, ReadBuf};

use super::{BlobKey, CHUNK, CryptError, HEADER, TAG, layout, open_chunk, open_header};

/// An [`AsyncRead`] over the plaintext of a sealed file. A chunk that fails
/// authentication, or a file shorter than its layout, ends the read with
/// an error (`InvalidData`), never with unauthenticated bytes.
pub struct OpenReader<R> {
    inner: R,
    cipher: LessSafeKey,
    header: [u8; HEADER],
    chunks: u64,
    sealed_len: u64,
    counter: u64,
    buf: Vec<u8>,
    /// Ciphertext bytes of the current chunk read so far.
    filled: usize,
    /// Plaintext in `buf[pos..end]` not yet handed out.
    pos: usize,
    end: usize,
}

impl<R> std::fmt::Debug for OpenReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenReader")
            .field("chunks", &self.chunks)
            .field("counter", &self.counter)
            .finish()
    }
}

fn invalid(e: CryptError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.reason())
}

impl<R: AsyncRead + Unpin> OpenReader<R> {
    /// Reads the header of a sealed file of `file_len` bytes; returns the
    /// reader and the plaintext length.
    pub async fn new(
        key: &BlobKey,
        mut inner: R,
        file_len: u64,
    ) -> Result<(Self, u64), CryptError> {
        let mut header = [0u8; HEADER];
        inner
            .read_exact(&mut header)
            .await
            .map_err(|_| CryptError::NotEncrypted)?;
        let cipher = open_header(key, &header)?;
        let (chunks, len) = layout(file_len)?;
        let reader = OpenReader {
            inner,
            cipher,
            header,
            chunks,
            sealed_len: file_len - HEADER as u64,
            counter: 0,
            buf: Vec::with_capacity(CHUNK + TAG),
            filled: 0,
            pos: 0,
            end: 0,
        };
        Ok((reader, len))
    }

    /// Ciphertext length of the current chunk.
    fn sealed_chunk_len(&self) -> usize {
        let full = (CHUNK + TAG) as u64;
        if self.counter + 1 == self.chunks {
            (self.sealed_len - self.counter * full) as usize
        } else {
            full as usize
        }
    }
}

impl<R: AsyncRead + Unpin> AsyncRead for OpenReader<R> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            if this.pos < this.end {
                let n = (this.end - this.pos).min(out.remaining());
                out.put_slice(&this.buf[this.pos..this.pos + n]);
                this.pos += n;
                return Poll::Ready(Ok(()));
            }
            if this.counter == this.chunks {
                return Poll::Ready(Ok(()));
            }
            let want = this.sealed_chunk_len();
            this.buf.resize(want, 0);
            while this.filled < want {
                let mut rb = ReadBuf::new(&mut this.buf[this.filled..want]);
                ready!(Pin::new(&mut this.inner).poll_read(cx, &mut rb))?;
                let n = rb.filled().len();
                if n == 0 {
                    return Poll::Ready(Err(invalid(CryptError::Truncated)));
                }
                this.filled += n;
            }
            let last = this.counter + 1 == this.chunks;
            open_chunk(
                &this.cipher,
                &this.header,
                this.counter,
                last,
                &mut this.buf,
            )
            .map_err(invalid)?;
            this.counter += 1;
            this.filled = 0;
            this.pos = 0;
            this.end = this.buf.len();
        }
    }
}
