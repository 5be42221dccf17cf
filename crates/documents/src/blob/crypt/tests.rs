use tokio::io::AsyncReadExt;

use super::*;

fn key() -> BlobKey {
    let mut k = [0u8; 32];
    rand::rng().fill(&mut k);
    BlobKey::new(k)
}

fn text(len: usize) -> Vec<u8> {
    b"Versicherungsschein Nr. 4711 "
        .iter()
        .copied()
        .cycle()
        .take(len)
        .collect()
}

async fn stream_open(key: &BlobKey, sealed: &[u8]) -> std::io::Result<Vec<u8>> {
    let (mut reader, len) = OpenReader::new(key, sealed, sealed.len() as u64)
        .await
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.reason()))?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).await?;
    assert_eq!(out.len() as u64, len);
    Ok(out)
}

#[tokio::test]
async fn round_trips_at_every_chunk_edge() {
    let key = key();
    for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17] {
        let plain = text(len);
        let sealed = seal_all(&key, &plain).unwrap();
        assert_eq!(layout(sealed.len() as u64).unwrap().1, len as u64);
        assert_eq!(open_all(&key, &sealed).unwrap(), plain, "{len}");
        assert_eq!(stream_open(&key, &sealed).await.unwrap(), plain, "{len}");
    }
}

#[test]
fn pieces_seal_like_a_whole() {
    let key = key();
    let plain = text(5 * CHUNK / 2);
    let mut sealer = Sealer::new(&key).unwrap();
    let mut out = sealer.header().to_vec();
    for (i, piece) in plain.chunks(1000).enumerate() {
        sealer.push(piece).unwrap();
        // Taken out at odd moments, as a writer does.
        if i % 7 == 0 {
            out.extend_from_slice(sealer.sealed());
            sealer.take_sealed();
        }
    }
    sealer.finish().unwrap();
    out.extend_from_slice(sealer.sealed());
    assert_eq!(open_all(&key, &out).unwrap(), plain);
}

#[test]
fn ciphertext_shows_no_plaintext_and_differs_per_file() {
    let key = key();
    let plain = text(200_000);
    let a = seal_all(&key, &plain).unwrap();
    let b = seal_all(&key, &plain).unwrap();
    assert_ne!(a, b);
    assert!(!a.windows(12).any(|w| w == &plain[..12]));
}

#[tokio::test]
async fn tampering_truncation_and_reordering_fail() {
    let key = key();
    let plain = text(3 * CHUNK + 100);
    let sealed = seal_all(&key, &plain).unwrap();
    let full = CHUNK + TAG;

    for at in [3, HEADER + 10, HEADER + full + 5, sealed.len() - 1] {
        let mut bad = sealed.clone();
        bad[at] ^= 1;
        assert!(open_all(&key, &bad).is_err(), "flip at {at}");
        assert!(stream_open(&key, &bad).await.is_err(), "flip at {at}");
    }
    for cut in [
        HEADER + full,
        HEADER + 2 * full,
        sealed.len() - 1,
        HEADER + 3,
    ] {
        let bad = &sealed[..cut];
        assert!(open_all(&key, bad).is_err(), "cut at {cut}");
        assert!(stream_open(&key, bad).await.is_err(), "cut at {cut}");
    }
    let mut swapped = sealed[..HEADER].to_vec();
    swapped.extend_from_slice(&sealed[HEADER + full..HEADER + 2 * full]);
    swapped.extend_from_slice(&sealed[HEADER..HEADER + full]);
    swapped.extend_from_slice(&sealed[HEADER + 2 * full..]);
    assert_eq!(open_all(&key, &swapped), Err(CryptError::Tampered));
    assert_eq!(open_all(&self::key(), &sealed), Err(CryptError::Tampered));
    assert_eq!(open_all(&key, &plain), Err(CryptError::NotEncrypted));
}

/// A blob sealed by the first implementation (the RustCrypto `aes-gcm`
/// crate, before ring took over): what is stored must keep opening.
#[tokio::test]
async fn blobs_sealed_by_the_first_implementation_still_open() {
    let sealed = include_bytes!("fixtures/v1-two-chunks.kpblob");
    let key = BlobKey::new([7u8; 32]);
    let plain = text(CHUNK + 100);
    assert_eq!(open_all(&key, sealed).unwrap(), plain);
    assert_eq!(stream_open(&key, sealed).await.unwrap(), plain);
}
