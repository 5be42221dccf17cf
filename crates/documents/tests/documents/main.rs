//! Integration tests of kp-documents: rendered PDFs read back with
//! `pdftotext`, and the local blob store on a temporary directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod blob;
mod blob_encrypted;
mod images;
mod pdf;
mod tables;
mod tools;
