//! The store with a key: what lies on disk is ciphertext under random
//! names, and a changed or cut file fails to open instead of yielding
//! garbage.

use kp_documents::{BlobKey, BlobStore, DocumentError, UploadOutcome};
use tokio::io::AsyncReadExt;

fn store() -> (tempfile::TempDir, BlobStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::local(dir.path().join("documents")).with_key(BlobKey::new([7; 32]));
    (dir, store)
}

fn plaintext() -> Vec<u8> {
    b"Schadenmeldung Kfz Hamburg "
        .iter()
        .copied()
        .cycle()
        .take(150_000)
        .collect()
}

fn path_of(store: &BlobStore, key: &str) -> std::path::PathBuf {
    let BlobStore::Local(local) = store;
    local.root().join(key)
}

async fn read_all(store: &BlobStore, key: &str) -> Result<Vec<u8>, String> {
    let mut blob = store.open(key).await.map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    blob.reader
        .read_to_end(&mut out)
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(out.len() as u64, blob.len);
    Ok(out)
}

#[tokio::test]
async fn files_on_disk_are_ciphertext_under_random_names() {
    let (_dir, store) = store();
    let bytes = plaintext();
    let a = store.put_content(&bytes).await.unwrap();
    let b = store.put_content(&bytes).await.unwrap();
    assert_ne!(a, b, "no content addressing when encrypted");
    assert!(!a.contains(&kp_documents::sha256_hex(&bytes)));
    let on_disk = std::fs::read(path_of(&store, &a)).unwrap();
    assert!(!on_disk.windows(16).any(|w| w == &bytes[..16]));
    assert_eq!(store.get(&a).await.unwrap(), bytes);
    assert_eq!(read_all(&store, &a).await.unwrap(), bytes);

    let mut up = store.begin_upload().await.unwrap();
    for piece in bytes.chunks(10_000) {
        up.write(piece.to_vec()).await.unwrap();
    }
    let UploadOutcome::Stored { key, sha256, len } = up.finish(None).await.unwrap() else {
        panic!("not stored");
    };
    assert_eq!(len, bytes.len() as u64);
    assert_eq!(sha256, kp_documents::sha256_hex(&bytes));
    let on_disk = std::fs::read(path_of(&store, &key)).unwrap();
    assert!(!on_disk.windows(16).any(|w| w == &bytes[..16]));
    assert_eq!(read_all(&store, &key).await.unwrap(), bytes);
}

#[tokio::test]
async fn flipped_or_cut_files_fail_to_open() {
    let (_dir, store) = store();
    let bytes = plaintext();
    let key = store.put_content(&bytes).await.unwrap();
    let path = path_of(&store, &key);
    let good = std::fs::read(&path).unwrap();

    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x01;
    std::fs::write(&path, &flipped).unwrap();
    assert!(matches!(
        store.get(&key).await,
        Err(DocumentError::Corrupt { .. })
    ));
    assert!(read_all(&store, &key).await.is_err());

    std::fs::write(&path, &good[..good.len() - 100]).unwrap();
    assert!(store.get(&key).await.is_err());
    assert!(read_all(&store, &key).await.is_err());

    // A plaintext file where a sealed one must be.
    std::fs::write(&path, &bytes).unwrap();
    assert!(store.get(&key).await.is_err());

    std::fs::write(&path, &good).unwrap();
    assert_eq!(store.get(&key).await.unwrap(), bytes);
}
