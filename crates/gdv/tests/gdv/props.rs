//! Any input gives a report or an error, never a panic.

use proptest::prelude::*;

use crate::fixtures;

fn read_all(bytes: &[u8]) {
    let _ = gdv::read_report(bytes, gdv::Options::default());
    for encoding in [gdv::Encoding::Utf8, gdv::Encoding::Cp850] {
        let options = gdv::Options {
            encoding: Some(encoding),
        };
        if let Ok(reader) = gdv::Reader::new(bytes, options) {
            for item in reader {
                if item.is_err() {
                    break;
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_all(&bytes);
    }

    /// Mutating a valid file reaches deeper code than random bytes.
    #[test]
    fn mutated_files_never_panic(
        edits in proptest::collection::vec((0usize..4400, any::<u8>()), 1..40),
        cut in 0usize..4400,
    ) {
        let mut bytes = fixtures::latin1(&fixtures::package("59999999999", 41141), "\n");
        for (pos, byte) in edits {
            let len = bytes.len();
            bytes[pos % len] = byte;
        }
        bytes.truncate(cut.max(1));
        read_all(&bytes);
    }

    /// Digits in every position: dates, numbers and TD numbers all take odd values.
    #[test]
    fn digit_noise_never_panics(digits in proptest::collection::vec(b'0'..=b'9', 256 * 6)) {
        let mut bytes = fixtures::latin1(&fixtures::package("1", 1), "\n");
        for (i, chunk) in bytes.chunks_mut(257).enumerate().skip(1) {
            let start = (i * 256) % (digits.len() - 300);
            for (j, b) in chunk.iter_mut().enumerate().skip(4).take(250) {
                *b = digits[start + j];
            }
        }
        read_all(&bytes);
    }
}
