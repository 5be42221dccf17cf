//! Web tests: the whole router with its middleware, on a fresh SQLite
//! database holding the demo data set.

mod harness;
mod i18n_pages;
mod login;
mod operations;
mod scope;
