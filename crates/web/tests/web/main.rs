//! Web tests: the whole router with its middleware, on a fresh SQLite
//! database holding the demo data set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod account;
mod account_passwords;
mod api_auth;
mod api_bulk;
mod api_events;
mod api_finance;
mod api_records;
mod api_support;
mod api_tokens_page;
mod consent;
mod contact;
mod contract_details;
mod contract_sheet;
mod contracts;
mod currency;
mod details;
mod document_areas;
mod document_files;
mod document_serving;
mod email_change;
mod errors;
mod harness;
mod home_counts;
mod home_page;
mod home_settings;
mod home_support;
mod home_video;
mod i18n_pages;
mod idor;
mod imports;
mod invitations;
mod list_back_office;
mod list_plates;
mod lists;
mod login;
mod mail_settings;
mod mail_support;
mod operations;
mod outgoing_mail;
mod password_reset;
mod registration_auto;
mod registration_misses;
mod registration_request;
mod registration_support;
mod report_pdfs;
mod report_settings;
mod scope;
mod search;
mod sessions;
mod themes;
mod two_factor;
