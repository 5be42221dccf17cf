//! Feeds arbitrary bytes to the reader, with each encoding, and builds the report.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gdv::read_report(data, gdv::Options::default());
    for encoding in [gdv::Encoding::Latin1, gdv::Encoding::Cp850, gdv::Encoding::Utf8] {
        let options = gdv::Options {
            encoding: Some(encoding),
        };
        if let Ok(reader) = gdv::Reader::new(data, options) {
            for item in reader {
                if item.is_err() {
                    break;
                }
            }
        }
    }
});
