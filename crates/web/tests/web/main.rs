//! Web tests: the whole router with its middleware, on a fresh SQLite
//! database holding the demo data set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod account_passwords;
mod contact;
mod contract_details;
mod contract_sheet;
mod contracts;
mod currency;
mod details;
mod document_areas;
mod document_files;
mod document_serving;
mod errors;
mod harness;
mod home_counts;
mod home_page;
mod home_settings;
mod home_support;
mod home_video;
mod i18n_pages;
mod idor;
mod list_back_office;
mod list_plates;
mod lists;
mod login;
mod operations;
mod passkey_authenticator;
mod passkeys;
mod report_pdfs;
mod report_settings;
mod scope;
mod search;
mod sessions;
mod themes;
mod two_factor;
mod two_factor_demo;
