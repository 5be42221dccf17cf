//! A request body as an [`AsyncRead`], chunk by chunk as it arrives, for
//! use cases that read a file (the GDV import). It stops with an error
//! once more than `limit` bytes came and raises the `over` flag, so the
//! handler can answer 413 rather than a read error.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use axum::body::{Body, BodyDataStream, Bytes};
use futures_util::stream::Stream;
use tokio::io::{AsyncRead, ReadBuf};

pub struct BodyReader {
    stream: BodyDataStream,
    chunk: Bytes,
    read: u64,
    limit: u64,
    over: Arc<AtomicBool>,
}

impl BodyReader {
    pub fn new(body: Body, limit: u64, over: Arc<AtomicBool>) -> BodyReader {
        BodyReader {
            stream: body.into_data_stream(),
            chunk: Bytes::new(),
            read: 0,
            limit,
            over,
        }
    }
}

impl AsyncRead for BodyReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        while self.chunk.is_empty() {
            match Pin::new(&mut self.stream).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                // The end of the body.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Ready(Some(Err(err))) => {
                    return Poll::Ready(Err(io::Error::other(err.to_string())));
                }
                Poll::Ready(Some(Ok(chunk))) => {
                    self.read += chunk.len() as u64;
                    if self.read > self.limit {
                        self.over.store(true, Ordering::Relaxed);
                        return Poll::Ready(Err(io::Error::other("the body is over the limit")));
                    }
                    self.chunk = chunk;
                }
            }
        }
        let n = self.chunk.len().min(buf.remaining());
        let part = self.chunk.split_to(n);
        buf.put_slice(&part);
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;

    use super::*;

    fn body(parts: &[&'static [u8]]) -> Body {
        let chunks: Vec<Result<Bytes, io::Error>> =
            parts.iter().map(|p| Ok(Bytes::from_static(p))).collect();
        Body::from_stream(futures_util::stream::iter(chunks))
    }

    #[tokio::test]
    async fn reads_every_chunk_in_order() {
        let over = Arc::new(AtomicBool::new(false));
        let mut reader = BodyReader::new(body(&[b"abc", b"", b"defg"]), 7, over.clone());
        let mut out = Vec::new();
        reader.read_to_end(&mut out).await.unwrap();
        assert_eq!(out, b"abcdefg");
        assert!(!over.load(Ordering::Relaxed));
    }

    #[tokio::test]
    async fn stops_past_the_limit() {
        let over = Arc::new(AtomicBool::new(false));
        let mut reader = BodyReader::new(body(&[b"abc", b"defg"]), 6, over.clone());
        let mut out = Vec::new();
        assert!(reader.read_to_end(&mut out).await.is_err());
        assert!(over.load(Ordering::Relaxed));
    }
}
